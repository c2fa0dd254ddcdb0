package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostAccessPolicyTest {

  private static JobSpec withNetworks(String... networks) {
    return new JobSpec("j", null, List.of(), Map.of(), Arrays.stream(networks).map(network -> new TaskSpec("t", null,
        "busybox:latest", "true", List.of(), List.of(), Map.of(), Map.of(), null, null, 0, null, network, null)).toList());
  }

  @Test
  void byDefaultNoTaskSharesTheHostsNetworkOrJoinsAnotherContainers() {
    assertThatThrownBy(() -> HostAccessPolicy.NONE.check(withNetworks("none", "host")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessage("tasks[1].network: host networking is not allowed on this server"
            + " (the operator can allow it with --allow-host-network)");
    assertThatThrownBy(() -> HostAccessPolicy.NONE.check(withNetworks("HOST"))).hasMessageStartingWith("tasks[0].network: host");
    assertThatThrownBy(() -> HostAccessPolicy.NONE.check(withNetworks("container:postgres")))
        .hasMessage("tasks[0].network: joining another container's network ('container:postgres') is not allowed on this server"
            + " (the operator can allow it with --allow-host-network)");
  }

  @Test
  void otherNetworksAndTheDefaultAreAllowed() {
    JobSpec spec = withNetworks(null, "none", "bridge", "my-net", "hostile");
    assertThat(HostAccessPolicy.NONE.check(spec)).isSameAs(spec);
  }

  @Test
  void theOperatorMayAllowHostNetworking() {
    JobSpec spec = withNetworks("host", "container:db");
    assertThat(new HostAccessPolicy(true).check(spec)).isSameAs(spec);
  }
}
