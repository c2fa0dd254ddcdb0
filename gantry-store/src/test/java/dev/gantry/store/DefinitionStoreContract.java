package dev.gantry.store;

import static dev.gantry.store.TestJobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.definition.JobDefinition;
import dev.gantry.core.spec.Limits;
import dev.gantry.core.spec.RegistryAuth;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Job definitions on every database: immutable versions 1, 2, 3..., sensitive values sealed in their own column. */
public abstract class DefinitionStoreContract extends EmptyDatabaseContract {

  private static JobDefinition draft(String name, String image) {
    return new JobDefinition(name, 0, image, List.of("echo", "Param::word"), Map.of("word", "hi"), Map.of("PLAIN", "p"),
        Map.of("TOKEN", "s3cr3t-value"), 30, new Limits(0.5, 64L << 20, null, null), T0, "alice");
  }

  @Test
  void eachCreateIsTheNextVersionAndEarlierOnesStayAsTheyWere() {
    JobDefinition first = store.insertNextVersion(draft("p::hello", "busybox:1"));
    JobDefinition second = store.insertNextVersion(draft("p::hello", "busybox:2"));
    JobDefinition other = store.insertNextVersion(draft("p::other", "busybox:3"));

    assertThat(List.of(first.version(), second.version(), other.version())).containsExactly(1, 2, 1);
    assertThat(store.findDefinition("p::hello", 1)).contains(first);
    assertThat(store.findDefinition("p::hello", 1).orElseThrow().image()).isEqualTo("busybox:1");
    assertThat(store.findDefinition("p::hello", 3)).isEmpty();
    assertThat(store.definitionVersions("p::hello")).containsExactly(first, second);
    assertThat(store.latestDefinitions()).containsExactly(second, other);
    assertThat(first.sensitiveEnv()).containsEntry("TOKEN", "s3cr3t-value");
    assertThat(first.limits()).isEqualTo(new Limits(0.5, 64L << 20, null, null));
  }

  @Test
  void sensitiveValuesAreSealedInTheirOwnColumnAndNowhereInClear() throws SQLException {
    store.insertNextVersion(draft("p::secret", "busybox:latest"));

    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select * from job_definitions")) {
      assertThat(row.next()).isTrue();
      for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
        String name = row.getMetaData().getColumnName(column).toLowerCase(java.util.Locale.ROOT);
        String value = row.getString(column);
        assertThat(value).as(name).doesNotContain("s3cr3t-value");
        if (name.equals("sensitive_env")) {
          assertThat(value).startsWith(SecretCipher.PREFIX);
        }
      }
    }
  }

  @Test
  void concurrentCreatesOfOneNameGetDistinctVersions() throws Exception {
    List<Integer> versions = new CopyOnWriteArrayList<>();
    StoreContract.runConcurrently(4, () -> {
      versions.add(store.insertNextVersion(draft("p::raced", "busybox:latest")).version());
      return null;
    });

    assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4);
  }

  @Test
  void registryCredentialsAndPrivilegedComeBackAsStoredThePasswordSealedNowhereInClear() throws SQLException {
    JobDefinition base = draft("p::private", "127.0.0.1:5055/gantry/private-busybox:latest");
    JobDefinition withRegistry = new JobDefinition(base.name(), 0, base.image(), base.command(), base.parameters(), base.env(),
        Map.of(), base.timeoutSeconds(), base.limits(), T0, "alice", new RegistryAuth("gantry", "registry-pass-value"), true);

    JobDefinition stored = store.insertNextVersion(withRegistry);
    JobDefinition plain = store.insertNextVersion(base);

    JobDefinition read = store.findDefinition("p::private", 1).orElseThrow();
    assertThat(read).isEqualTo(stored);
    assertThat(read.registry()).isEqualTo(new RegistryAuth("gantry", "registry-pass-value"));
    assertThat(read.privileged()).isTrue();
    assertThat(read.sensitiveEnv()).isEmpty(); // the password is no variable
    JobDefinition second = store.findDefinition("p::private", 2).orElseThrow();
    assertThat(second).isEqualTo(plain);
    assertThat(second.registry()).isNull();
    assertThat(second.privileged()).isFalse();
    try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select * from job_definitions where version = 1")) {
      assertThat(row.next()).isTrue();
      for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
        assertThat(row.getString(column)).as(row.getMetaData().getColumnName(column)).doesNotContain("registry-pass-value");
      }
    }
  }
}
