package dev.gantry.store;

import dev.gantry.core.job.UserSecret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The {@code user_secrets} table: secrets users stored to name in their jobs. The value is sealed
 * like a job's secrets ({@link SealedSecrets}, for the place {@code user_secrets/<id>}): the column
 * never holds it in clear.
 */
final class UserSecretRows {

  private static final String COLUMNS = "id, owner, name, kind, secret, file_path, file_mode, created_at";

  private UserSecretRows() {}

  /** The one entry of the sealed map that holds the value. */
  private static final String VALUE = "value";

  static void insert(SqlSession sql, SealedSecrets sealed, UserSecret s) {
    sql.update("insert into user_secrets (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)", s.id(), s.owner(), s.name(),
        s.kind(), sealed.write(place(s.id()), Map.of(VALUE, s.value())), s.path(), s.mode(), s.createdAt());
  }

  static List<UserSecret> of(SqlSession sql, SealedSecrets sealed, String owner) {
    return sql.list("select " + COLUMNS + " from user_secrets where owner = ? order by created_at, id",
        row -> read(row, sealed), owner);
  }

  static String place(String id) {
    return "user_secrets/" + id;
  }

  private static UserSecret read(ResultSet row, SealedSecrets sealed) throws SQLException {
    int mode = row.getInt("file_mode");
    Integer m = row.wasNull() ? null : mode;
    return new UserSecret(row.getString("id"), row.getString("owner"), row.getString("name"), row.getString("kind"),
        sealed.read(place(row.getString("id")), row.getString("secret")).get(VALUE), row.getString("file_path"), m, Timestamps.read(row, "created_at"));
  }
}
