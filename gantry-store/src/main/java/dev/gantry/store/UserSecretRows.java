package dev.gantry.store;

import dev.gantry.core.job.UserSecret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The {@code user_secrets} table: secrets users stored to name in their jobs. */
final class UserSecretRows {

  private static final String COLUMNS = "id, owner, name, kind, secret, file_path, file_mode, created_at";

  private UserSecretRows() {}

  static void insert(SqlSession sql, UserSecret s) {
    sql.update("insert into user_secrets (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)", s.id(), s.owner(), s.name(),
        s.kind(), s.value(), s.path(), s.mode(), s.createdAt());
  }

  static List<UserSecret> of(SqlSession sql, String owner) {
    return sql.list("select " + COLUMNS + " from user_secrets where owner = ? order by created_at, id", UserSecretRows::read,
        owner);
  }

  private static UserSecret read(ResultSet row) throws SQLException {
    int mode = row.getInt("file_mode");
    Integer m = row.wasNull() ? null : mode;
    return new UserSecret(row.getString("id"), row.getString("owner"), row.getString("name"), row.getString("kind"),
        row.getString("secret"), row.getString("file_path"), m, Timestamps.read(row, "created_at"));
  }
}
