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

  private static JobSpec binding(String... sources) {
    List<TaskMount> mounts = Arrays.stream(sources).map(s -> new TaskMount(TaskMount.Type.BIND, s, "/in", true)).toList();
    TaskSpec task = new TaskSpec("t", null, "busybox:latest", "true", List.of(), List.of(), Map.of(), Map.of(), null, null,
        0, null, null, null, false, null, null, new TaskAttachments(mounts, List.of(), null, null, List.of()));
    return new JobSpec("j", null, List.of(), Map.of(), List.of(task));
  }

  @Test
  void byDefaultNoTaskBindMountsAHostPath() {
    assertThatThrownBy(() -> HostAccessPolicy.NONE.check(binding("/srv/data")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessage("tasks[0].mounts[0].source: bind-mounting the host path '/srv/data' is not allowed on this server"
            + " (the operator can allow it with --allow-bind-mounts, or --allowed-bind-paths for paths under given ones)");
    assertThatThrownBy(() -> new HostAccessPolicy(true).check(binding("/srv/data")))
        .hasMessageStartingWith("tasks[0].mounts[0].source: bind-mounting");
  }

  @Test
  void allowedBindPathsAllowThemAndWhatIsBelowThemOnly() {
    HostAccessPolicy policy = new HostAccessPolicy(false, false, List.of("/srv/data/", "/opt/in"));
    JobSpec allowed = binding("/srv/data", "/srv/data/x/y", "/opt/in//sub");
    assertThat(policy.check(allowed)).isSameAs(allowed);
    for (String refused : List.of("/srv/database", "/srv", "/etc", "/srv/data/../../etc", "/opt/inner")) {
      assertThatThrownBy(() -> policy.check(binding("/srv/data", refused)))
          .as(refused).hasMessageStartingWith("tasks[0].mounts[1].source: bind-mounting the host path");
    }
  }

  @Test
  void theOperatorMayAllowEveryBindMount() {
    JobSpec spec = binding("/etc", "/var/run/docker.sock");
    assertThat(new HostAccessPolicy(false, true, List.of()).check(spec)).isSameAs(spec);
  }

  @Test
  void anAllowedBindPathMustBeAbsoluteAndPlain() {
    for (String bad : List.of("srv", "/srv/../etc", "", "/a/./b")) {
      assertThatThrownBy(() -> new HostAccessPolicy(false, false, List.of(bad)))
          .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be an absolute path");
    }
  }

  private static JobSpec read(String yaml) {
    return JobSpecReader.read(yaml, JobDocuments.Format.YAML);
  }

  @Test
  void bindMountsAndHostNetworksAreCheckedOnEveryContainerOfTheTree() {
    String bind = "mounts: [{type: bind, source: /etc, target: /e}]";
    assertThatThrownBy(() -> HostAccessPolicy.NONE.check(read("name: j\ntasks: [{name: a, image: busybox},"
        + " {name: p, parallel: {tasks: [{name: b, image: busybox}, {name: c, image: busybox, " + bind + "}]}}]")))
        .hasMessageStartingWith("tasks[1].parallel.tasks[1].mounts[0].source: bind-mounting the host path '/etc' is not allowed");
    assertThatThrownBy(() -> HostAccessPolicy.NONE.check(read("name: j\ntasks: [{name: e, each: {list: '{{ [1] }}',"
        + " task: {name: b, image: busybox, " + bind + "}}}]")))
        .hasMessageStartingWith("tasks[0].each.task.mounts[0].source: bind-mounting");
    assertThatThrownBy(() -> HostAccessPolicy.NONE.check(read("name: j\ntasks: [{name: s, subjob: {name: s,"
        + " tasks: [{name: p, parallel: {tasks: [{name: b, image: busybox, network: host}]}}]}}]")))
        .hasMessageStartingWith("tasks[0].subjob.tasks[0].parallel.tasks[0].network: host networking is not allowed");
    assertThatThrownBy(() -> HostAccessPolicy.NONE.check(read("name: j\ntasks: [{name: t, image: busybox,"
        + " post: [{name: p, image: busybox, network: 'container:db'}]}]")))
        .hasMessageStartingWith("tasks[0].post[0].network: joining another container's network");
    JobSpec allowed = read("name: j\ntasks: [{name: p, parallel: {tasks: [{name: c, image: busybox, " + bind + "}]}}]");
    assertThat(new HostAccessPolicy(false, false, List.of("/etc")).check(allowed)).isSameAs(allowed);
  }

  @Test
  void aPrivilegedContainerAnywhereInTheJobIsRefusedUnlessTheOperatorAllowsIt() {
    TaskSpec plain = new TaskSpec("t", null, "busybox:latest", "true", List.of(), List.of(), Map.of(), Map.of(), null, null,
        0, null, null, null);
    TaskSpec privilegedPre = plain.withAttachments(TaskAttachments.NONE.withPrivileged(true));
    TaskSpec withPre = new TaskSpec("t", null, "busybox:latest", "true", List.of(), List.of(), Map.of(), Map.of(), null,
        null, 0, null, null, null, false, null, null, null, List.of(privilegedPre), List.of(), null, null, null);
    JobSpec spec = new JobSpec("j", null, List.of(), Map.of(), List.of(plain, withPre));

    assertThatThrownBy(() -> HostAccessPolicy.NONE.check(spec)).isInstanceOf(InvalidJobException.class)
        .hasMessage("tasks[1].pre[0].privileged: privileged containers are not allowed on this server"
            + " (the operator can allow them with --allow-privileged)");
    assertThatThrownBy(() -> new HostAccessPolicy(true, true, List.of()).check(spec)).hasMessageContaining("--allow-privileged");
    assertThat(new HostAccessPolicy(false, false, List.of(), true).check(spec)).isSameAs(spec);
  }
}
