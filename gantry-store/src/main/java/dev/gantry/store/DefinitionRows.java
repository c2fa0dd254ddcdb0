package dev.gantry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.definition.JobDefinition;
import dev.gantry.core.spec.Limits;
import dev.gantry.core.spec.RegistryAuth;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code job_definitions} table: a row per version, the sensitive values in their own column,
 * sealed as a job's secrets are ({@link SealedSecrets}, for the place {@code job_definitions/NAME/VERSION}).
 * The registry password is one more value of that column, under {@link #REGISTRY_PASSWORD} (no
 * variable can be named so), its username in {@code spec}.
 */
final class DefinitionRows {

  private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final String COLUMNS = "name, version, image, spec, sensitive_env, created_at, owner";

  /** The key of the registry password among the sealed values: not a variable's name (EnvEntries allows no ':'). */
  static final String REGISTRY_PASSWORD = "registry:password";

  /**
   * What {@code spec} holds: the definition but its name, version, image and sensitive values
   * ({@code registryUsername} null: no registry credentials; rows written before them read so).
   */
  record Body(List<String> command, Map<String, String> parameters, Map<String, String> env, int timeoutSeconds,
      Limits limits, String registryUsername, boolean privileged) {}

  private DefinitionRows() {}

  static int newestVersion(SqlSession sql, String name) {
    return (int) sql.count("select coalesce(max(version), 0) from job_definitions where name = ?", name);
  }

  static void insert(SqlSession sql, SealedSecrets secrets, JobDefinition d) {
    Body body = new Body(d.command(), d.parameters(), d.env(), d.timeoutSeconds(), d.limits(),
        d.registry() == null ? null : d.registry().username(), d.privileged());
    Map<String, String> sealed = new LinkedHashMap<>(d.sensitiveEnv());
    if (d.registry() != null) {
      sealed.put(REGISTRY_PASSWORD, d.registry().password());
    }
    sql.update("insert into job_definitions (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)", d.name(), d.version(),
        d.image(), write(body), secrets.write(place(d.name(), d.version()), sealed), d.createdAt(), d.owner());
  }

  static Optional<JobDefinition> find(SqlSession sql, SealedSecrets secrets, String name, int version) {
    return sql.first("select " + COLUMNS + " from job_definitions where name = ? and version = ?",
        row -> read(row, secrets), name, version);
  }

  static List<JobDefinition> versions(SqlSession sql, SealedSecrets secrets, String name) {
    return sql.list("select " + COLUMNS + " from job_definitions where name = ? order by version",
        row -> read(row, secrets), name);
  }

  static List<JobDefinition> latest(SqlSession sql, SealedSecrets secrets) {
    return sql.list("select " + COLUMNS + " from job_definitions d where version ="
        + " (select max(version) from job_definitions n where n.name = d.name) order by name", row -> read(row, secrets));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job definition could not be written as JSON", e);
    }
  }

  private static String place(String name, int version) {
    return "job_definitions/" + name + "/" + version;
  }

  private static JobDefinition read(ResultSet row, SealedSecrets secrets) throws SQLException {
    try {
      Body body = JSON.readValue(row.getString("spec"), Body.class);
      Map<String, String> sensitiveEnv = new LinkedHashMap<>(secrets.read(place(row.getString("name"),
          row.getInt("version")), row.getString("sensitive_env")));
      String password = sensitiveEnv.remove(REGISTRY_PASSWORD);
      RegistryAuth registry = body.registryUsername() == null ? null : new RegistryAuth(body.registryUsername(), password);
      return new JobDefinition(row.getString("name"), row.getInt("version"), row.getString("image"), body.command(),
          body.parameters(), body.env(), sensitiveEnv, body.timeoutSeconds(), body.limits(),
          Timestamps.read(row, "created_at"), row.getString("owner"), registry, body.privileged());
    } catch (JsonProcessingException e) {
      // Never the text: it may hold the sensitive values.
      throw new IllegalStateException("a stored job definition is not valid JSON");
    }
  }
}
