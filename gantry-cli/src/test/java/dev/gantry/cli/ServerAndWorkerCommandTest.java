package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.cluster.NodeRole;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `gantry server` and `gantry worker`: what they take, and what they refuse. */
class ServerAndWorkerCommandTest {

  private static final String DB = "jdbc:postgresql://db.example:5432/gantry";

  private static GantryConfig server(String... args) throws Exception {
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  private static GantryConfig worker(String... args) {
    WorkerCommand command = new WorkerCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void aServerServesTheApiAndRunsNoTasks() throws Exception {
    GantryConfig config = server("--db-url", DB, "--port", "8100", "--heartbeat", "2s");
    assertThat(config.role()).isEqualTo(NodeRole.SERVER);
    assertThat(config.api().port()).isEqualTo(8100);
    assertThat(config.tasks()).isNull();
    assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aWorkerRunsTasksOfItsQueuesAndServesNoApi() {
    GantryConfig config = worker("--db-url", DB, "--queues", "default, gpu", "--concurrency", "3", "--shutdown-grace", "1m");
    assertThat(config.role()).isEqualTo(NodeRole.WORKER);
    assertThat(config.api()).isNull();
    assertThat(config.tasks().queues()).containsExactlyInAnyOrder("default", "gpu");
    assertThat(config.tasks().concurrency()).isEqualTo(3);
    assertThat(config.tasks().shutdownGrace()).isEqualTo(Duration.ofMinutes(1));
    assertThat(worker("--db-url", DB, "--slots", "2").tasks().concurrency()).isEqualTo(2);
    assertThat(worker("--db-url", DB).tasks().concurrency()).isEqualTo(4);
  }

  @Test
  void bothRefuseHostNetworkingUnlessTheOperatorAllowsIt() throws Exception {
    assertThat(server("--db-url", DB).hostAccess().hostNetwork()).isFalse();
    assertThat(worker("--db-url", DB).hostAccess().hostNetwork()).isFalse();
    assertThat(server("--db-url", DB, "--allow-host-network").hostAccess().hostNetwork()).isTrue();
    assertThat(worker("--db-url", DB, "--allow-host-network").hostAccess().hostNetwork()).isTrue();
  }

  @Test
  void bothRefusePrivilegedContainersUnlessTheOperatorAllowsThemAndAWorkerTakesACancelGrace() throws Exception {
    assertThat(server("--db-url", DB).hostAccess().privileged()).isFalse();
    assertThat(worker("--db-url", DB).hostAccess().privileged()).isFalse();
    assertThat(server("--db-url", DB, "--allow-privileged").hostAccess().privileged()).isTrue();
    assertThat(worker("--db-url", DB, "--allow-privileged").hostAccess().privileged()).isTrue();
    assertThat(worker("--db-url", DB).tasks().cancelGrace()).isEqualTo(Duration.ZERO);
    assertThat(worker("--db-url", DB, "--cancel-grace", "30s").tasks().cancelGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThatThrownBy(() -> worker("--db-url", DB, "--cancel-grace", "11m"))
        .hasMessage("--cancel-grace must be between 0s and 10m, got PT11M");
  }

  @Test
  void bothNeedASharedPostgresDatabase() {
    assertThatThrownBy(() -> server()).hasMessageContaining("needs --db-url");
    assertThatThrownBy(() -> worker("--db-url", "jdbc:h2:file:/tmp/gantry")).hasMessageContaining("cannot be shared");
  }

  @Test
  void theWorkerCommandHasNoHttpOptions() {
    assertThatThrownBy(() -> worker("--db-url", DB, "--port", "8000")).isInstanceOf(CommandLine.UnmatchedArgumentException.class);
  }
}
