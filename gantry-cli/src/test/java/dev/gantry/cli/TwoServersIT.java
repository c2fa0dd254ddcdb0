package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.store.AdvisoryLock;
import dev.gantry.store.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two {@code gantry server} processes at once: both serve the API, one runs maintenance, the other takes over when it dies. */
class TwoServersIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final String HOLDS = "this process holds the maintenance lock";
  private static final String STANDS_BY = "another process holds the maintenance lock";
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void oneServerRunsMaintenanceAndAnotherTakesOverWhenItDies() throws SQLException {
    try (GantryProcesses processes = new GantryProcesses(database.settings(), TwoServersIT.class)) {
      GantryProcess first = processes.server("--heartbeat", "1s");
      GantryProcess second = processes.server("--heartbeat", "1s");
      first.awaitStarted();
      second.awaitStarted();
      await().atMost(DEADLINE).until(() -> first.log().contains(HOLDS) != second.log().contains(HOLDS)
          && (first.log().contains(STANDS_BY) || second.log().contains(STANDS_BY)));
      GantryProcess leader = first.log().contains(HOLDS) ? first : second;
      GantryProcess standby = leader == first ? second : first;
      assertThat(standby.log()).contains(STANDS_BY).doesNotContain(HOLDS);
      assertThat(maintenanceLockHolders()).isEqualTo(1);

      // Both serve the API over the same store.
      String id = leader.http().submit("name: seen by both\ntasks: [{name: t, image: busybox, queue: unserved}]");
      assertThat(standby.http().job(id).path("state").asText()).isEqualTo("SCHEDULED");

      leader.kill();

      await().atMost(DEADLINE).until(() -> standby.log().contains(HOLDS));
      // Only maintenance marks a silent node OFFLINE: the standby runs it now.
      await().atMost(DEADLINE).until(() -> nodeStatus(standby.http(), leader.nodeId()).equals("OFFLINE"));
      assertThat(maintenanceLockHolders()).isEqualTo(1);
      assertThat(standby.http().delete("/queues/unserved").status()).isEqualTo(200);
    }
  }

  private static String nodeStatus(Http http, String nodeId) {
    for (JsonNode node : http.get("/nodes").body()) {
      if (node.path("id").asText().equals(nodeId)) {
        return node.path("status").asText();
      }
    }
    return "missing";
  }

  /** Sessions holding this schema's maintenance lock, as PostgreSQL sees them. */
  private static long maintenanceLockHolders() throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.settings().url());
        Statement statement = connection.createStatement();
        ResultSet holders = statement.executeQuery("select count(*) from pg_locks where locktype = 'advisory' and granted"
            + " and classid = " + AdvisoryLock.KEY_SPACE + " and objid = hashtext(current_schema())::oid")) {
      holders.next();
      return holders.getLong(1);
    }
  }
}
