package dev.gantry.store;

import dev.gantry.core.auth.ApiToken;
import dev.gantry.core.auth.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code users} and {@code api_tokens} tables. */
final class TokenRows {

  private static final String COLUMNS = "id, user_name, name, scopes, secret_hash, created_at, expires_at, revoked_at";
  private static final String INSERT_USER = "insert into users (name, created_at) values (?, ?)";
  private static final String USER_EXISTS = "select count(*) from users where name = ?";
  private static final String INSERT = "insert into api_tokens (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String BY_HASH = "select " + COLUMNS + " from api_tokens where secret_hash = ?";
  private static final String BY_ID = "select " + COLUMNS + " from api_tokens where id = ?";
  private static final String ALL = "select " + COLUMNS + " from api_tokens order by created_at, id";
  private static final String OF_USER = "select " + COLUMNS + " from api_tokens where user_name = ? order by created_at, id";
  private static final String REVOKE = "update api_tokens set revoked_at = ? where id = ? and revoked_at is null";
  // Scopes are stored as names; an admin token's list holds "admin" between commas or alone.
  private static final String VALID_ADMIN = """
      select count(*) from api_tokens
      where revoked_at is null and (expires_at is null or expires_at > ?)
        and (scopes = 'admin' or scopes like 'admin,%' or scopes like '%,admin' or scopes like '%,admin,%')""";

  private TokenRows() {}

  /** Inserts the token, and its user when the user is new (of two first tokens made at once for one new user, one fails here). */
  static void insert(SqlSession sql, ApiToken token) {
    if (sql.count(USER_EXISTS, token.user()) == 0) {
      sql.update(INSERT_USER, token.user(), token.createdAt());
    }
    sql.update(INSERT, token.id(), token.user(), token.name(), scopes(token), token.secretHash(), token.createdAt(),
        token.expiresAt(), token.revokedAt());
  }

  static Optional<ApiToken> byHash(SqlSession sql, String hash) {
    return sql.first(BY_HASH, TokenRows::read, hash);
  }

  static Optional<ApiToken> byId(SqlSession sql, String id) {
    return sql.first(BY_ID, TokenRows::read, id);
  }

  static List<ApiToken> of(SqlSession sql, String user) {
    return user == null ? sql.list(ALL, TokenRows::read) : sql.list(OF_USER, TokenRows::read, user);
  }

  static boolean revoke(SqlSession sql, String id, Instant at) {
    return sql.update(REVOKE, at, id) == 1;
  }

  static boolean hasValidAdmin(SqlSession sql, Instant now) {
    return sql.count(VALID_ADMIN, now) > 0;
  }

  private static String scopes(ApiToken token) {
    return token.scopes().stream().map(Scope::wireName).sorted().collect(Collectors.joining(","));
  }

  private static ApiToken read(ResultSet row) throws SQLException {
    return new ApiToken(
        row.getString("id"),
        row.getString("user_name"),
        row.getString("name"),
        Arrays.stream(row.getString("scopes").split(",")).map(name -> Scope.parse("scopes", name))
            .collect(Collectors.toSet()),
        Timestamps.read(row, "created_at"),
        Timestamps.read(row, "expires_at"),
        Timestamps.read(row, "revoked_at"),
        row.getString("secret_hash"));
  }
}
