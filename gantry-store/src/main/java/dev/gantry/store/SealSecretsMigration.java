package dev.gantry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.gantry.core.spec.JobSpec;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 17: seals the secrets that versions 11 to 16 kept in clear: jobs' (in
 * {@code jobs.secrets}) and schedules' (inside {@code scheduled_jobs.spec}, moved to
 * {@code scheduled_jobs.secrets}). It needs the store's key, so it is Java (SQL cannot encrypt the
 * same way on both databases). A database with clear secrets and a store opened without a key
 * fails here, naming the fix.
 */
final class SealSecretsMigration extends JavaSchemaVersion {

  private final SealedSecrets secrets;

  SealSecretsMigration(SealedSecrets secrets) {
    super("17", "seal job secrets");
    this.secrets = secrets;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    List<String[]> clear = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
            "select id, secrets from jobs where secrets is not null and secrets not like '" + SecretCipher.PREFIX + "%'");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        clear.add(new String[] {rows.getString(1), rows.getString(2)});
      }
    }
    if (!clear.isEmpty()) {
      try (PreparedStatement update = connection.prepareStatement("update jobs set secrets = ? where id = ?")) {
        for (String[] row : clear) {
          update.setString(1, secrets.seal(row[0], row[1]));
          update.setString(2, row[0]);
          update.addBatch();
        }
        update.executeBatch();
      }
    }
    sealSchedules(connection);
  }

  private void sealSchedules(Connection connection) throws Exception {
    List<String[]> moved = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("select id, spec from scheduled_jobs");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        JobSpec spec = SpecJson.read(rows.getString(2));
        if (!spec.secrets().isEmpty()) {
          String id = rows.getString(1);
          moved.add(new String[] {id, SpecJson.write(spec.withSecrets(Map.of())),
              secrets.write(ScheduleRows.context(id), spec.secrets())});
        }
      }
    }
    try (PreparedStatement update = connection.prepareStatement("update scheduled_jobs set spec = ?, secrets = ? where id = ?")) {
      for (String[] row : moved) {
        update.setString(1, row[1]);
        update.setString(2, row[2]);
        update.setString(3, row[0]);
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
