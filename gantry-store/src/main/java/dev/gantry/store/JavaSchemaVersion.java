package dev.gantry.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A schema version written in Java (what SQL cannot do the same way on both databases): its
 * number and description; it runs in Flyway's transaction and has no checksum, as every one of
 * them did before this class.
 */
abstract class JavaSchemaVersion implements JavaMigration {

  private final MigrationVersion version;
  private final String description;

  JavaSchemaVersion(String version, String description) {
    this.version = MigrationVersion.fromVersion(version);
    this.description = description;
  }

  @Override
  public final MigrationVersion getVersion() {
    return version;
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return null;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return true;
  }
}
