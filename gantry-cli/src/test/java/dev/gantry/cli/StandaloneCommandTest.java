package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.spec.HostAccessPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StandaloneCommandTest {

  private static GantryConfig parse(String... args) throws Exception {
    StandaloneCommand command = new StandaloneCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void defaultsAreSafe() throws Exception {
    GantryConfig config = parse();
    assertThat(config.api().bind()).isEqualTo("127.0.0.1");
    assertThat(config.api().port()).isEqualTo(8000);
    assertThat(config.database().usesPostgres()).isFalse();
    assertThat(config.api().maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(config.tasks().lease()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.tasks().queues()).containsExactly("default");
    assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.hostAccess()).isEqualTo(HostAccessPolicy.NONE);
  }

  @Test
  void theOperatorMayLetJobsUseTheHostsNetwork() throws Exception {
    assertThat(parse("--allow-host-network").hostAccess().hostNetwork()).isTrue();
  }

  @Test
  void refusesToListenBeyondLoopbackWithoutConsent() throws Exception {
    assertThatThrownBy(() -> parse("--bind", "0.0.0.0")).hasMessageContaining("--allow-remote");
    assertThat(parse("--bind", "0.0.0.0", "--allow-remote").api().bind()).isEqualTo("0.0.0.0");
  }

  @Test
  void rejectsBadValuesNamingTheOption() {
    assertThatThrownBy(() -> parse("--pull-policy", "sometimes")).hasMessageContaining("pull policy 'sometimes'");
    assertThatThrownBy(() -> parse("--slots", "0")).hasMessageContaining("--slots");
    assertThatThrownBy(() -> parse("--lease", "10ms")).hasMessageContaining("--lease");
    assertThatThrownBy(() -> parse("--max-body", "lots")).hasMessageContaining("invalid size 'lots'");
    assertThatThrownBy(() -> parse("--queues", "gpu,no spaces")).hasMessageContaining("'no spaces' is not a queue name");
    assertThatThrownBy(() -> parse("--queues", " , ")).hasMessageContaining("--queues names no queue");
    assertThatThrownBy(() -> parse("--heartbeat", "1ms")).hasMessageContaining("--heartbeat");
  }
}
