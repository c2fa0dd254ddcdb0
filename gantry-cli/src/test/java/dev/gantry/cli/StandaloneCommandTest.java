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
  void theOperatorMayLetJobsRunPrivilegedContainersAndGiveStoppedTasksAGrace() throws Exception {
    assertThat(parse().hostAccess().privileged()).isFalse();
    assertThat(parse("--allow-privileged").hostAccess().privileged()).isTrue();
    assertThat(parse().tasks().cancelGrace()).isEqualTo(Duration.ZERO);
    assertThat(parse("--cancel-grace", "10s").tasks().cancelGrace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theOperatorMayLetJobsUseTheHostsNetwork() throws Exception {
    assertThat(parse("--allow-host-network").hostAccess().hostNetwork()).isTrue();
  }

  @Test
  void theOperatorMayLetJobsBindMountHostPaths() throws Exception {
    assertThat(parse("--allow-bind-mounts").hostAccess().anyBindMount()).isTrue();
    assertThat(parse("--allowed-bind-paths", "/srv/in,/data/").hostAccess().bindPaths()).containsExactly("/srv/in", "/data");
    assertThatThrownBy(() -> parse("--allowed-bind-paths", "relative/dir"))
        .hasMessage("--allowed-bind-paths: allowed bind path 'relative/dir' must be an absolute path without '.' or '..'");
  }

  @Test
  void authenticationIsOnUnlessOnlyLoopbackListens() throws Exception {
    assertThat(parse().api().auth().on()).isFalse();
    assertThat(parse("--auth", "on").api().auth().on()).isTrue();
    GantryConfig remote = parse("--bind", "0.0.0.0", "--data-dir", "/srv/gantry");
    assertThat(remote.api().auth().on()).isTrue();
    assertThat(remote.api().auth().adminTokenFile()).isEqualTo(java.nio.file.Path.of("/srv/gantry/admin-token"));
    assertThat(parse("--auth", "on", "--admin-token-file", "/run/admin").api().auth().adminTokenFile())
        .isEqualTo(java.nio.file.Path.of("/run/admin"));
  }

  @Test
  void outgoingCallsMayReachPrivateAddressesOnlyWhenAuthIsOffUnlessTheOperatorSays() throws Exception {
    assertThat(parse().api().callTargets().allowPrivate()).isTrue();
    assertThat(parse("--auth", "on").api().callTargets().allowPrivate()).isFalse();
    assertThat(parse("--bind", "0.0.0.0", "--data-dir", "/srv/gantry").api().callTargets().allowPrivate()).isFalse();
    assertThat(parse("--auth", "on", "--allow-private-callbacks").api().callTargets().allowPrivate()).isTrue();
    assertThat(parse("--auth", "on", "--allow-private-callbacks=true").api().callTargets().allowPrivate()).isTrue();
    assertThat(parse("--allow-private-callbacks=false").api().callTargets().allowPrivate()).isFalse();
    assertThatThrownBy(() -> parse("--allow-private-callbacks=perhaps"))
        .hasMessageContaining("--allow-private-callbacks must be true or false");
  }

  @Test
  void smtpIsOffUnlessGivenAndCheckedAtStart() throws Exception {
    assertThat(parse().api().sourcehut().smtp()).isNull();
    assertThat(parse("--smtp-url", "smtp://127.0.0.1:2525", "--smtp-from", "builds@example.org").api().sourcehut().smtp())
        .isEqualTo(new dev.gantry.server.outbound.SmtpSettings("127.0.0.1", 2525, "builds@example.org"));
    assertThat(parse("--smtp-url", "smtp://mail.example.org").api().sourcehut().smtp().from()).isEqualTo("gantry@localhost");
    assertThatThrownBy(() -> parse("--smtp-url", "https://mail.example.org")).hasMessageContaining("--smtp-url must be smtp://");
    assertThatThrownBy(() -> parse("--smtp-url", "smtp://x", "--smtp-from", "me")).hasMessageContaining("--smtp-from");
  }

  @Test
  void retentionIsOffUnlessGiven() throws Exception {
    assertThat(parse().api().retention()).isNull();
    assertThat(parse("--retention", "30d").api().retention()).isEqualTo(Duration.ofDays(30));
    assertThatThrownBy(() -> parse("--retention", "0s")).hasMessageContaining("--retention must be more than 0");
    assertThatThrownBy(() -> parse("--retention", "a while")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAuthOffBeyondLoopbackSayingWhy() {
    assertThatThrownBy(() -> parse("--bind", "0.0.0.0", "--auth", "off"))
        .hasMessageContaining("--auth off is refused with --bind 0.0.0.0").hasMessageContaining("anyone who reaches the port");
    assertThatThrownBy(() -> parse("--auth", "maybe")).hasMessageContaining("--auth must be on or off");
  }

  @Test
  void theOldAllowRemoteIsAcceptedAndChangesNothing() throws Exception {
    GantryConfig config = parse("--bind", "0.0.0.0", "--allow-remote");
    assertThat(config.api().bind()).isEqualTo("0.0.0.0");
    assertThat(config.api().auth().on()).isTrue();
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
