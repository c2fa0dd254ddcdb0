package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.HostConfig;
import dev.gantry.core.spec.Limits;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.TaskExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How one task run's container is created: command, env, workspace mount, labels and limits. */
final class ContainerRequest {

  private static final List<String> SHELL = List.of("sh", "-c");

  private ContainerRequest() {}

  static boolean hasScript(TaskSpec task) {
    return task.run() != null && !task.run().isBlank();
  }

  static String workdir(TaskSpec task) {
    return task.workdir() == null || task.workdir().isBlank() ? Workspaces.MOUNT_POINT : task.workdir();
  }

  /**
   * The create call, on {@code network} (the network mode, null: Docker's default). With {@code boot} the script travels in the call ({@link ScriptBoot}); without
   * it, the caller copies the {@link TaskArchive} in before the start.
   */
  static CreateContainerCmd create(DockerClient client, TaskExecution execution, String network, boolean boot) {
    TaskSpec task = execution.task();
    CreateContainerCmd cmd = client.createContainerCmd(task.image())
        .withName(Labels.containerName(execution.containerKey()))
        .withLabels(Labels.ofContainer(execution))
        .withEnv(environment(execution.env()))
        .withWorkingDir(workdir(task))
        .withHostConfig(hostConfig(execution, network));
    if (boot) {
      cmd.withEntrypoint(SHELL).withCmd(ScriptBoot.command(task.run()));
    } else if (hasScript(task)) {
      // The script is a file (see TaskArchive), so it never meets the command line's limits.
      cmd.withEntrypoint(task.entrypoint().isEmpty() ? SHELL : task.entrypoint()).withCmd(TaskArchive.SCRIPT_PATH);
    } else {
      if (!task.entrypoint().isEmpty()) {
        cmd.withEntrypoint(task.entrypoint());
      }
      if (!task.cmd().isEmpty()) {
        cmd.withCmd(task.cmd());
      }
    }
    return cmd;
  }

  private static List<String> environment(Map<String, String> env) {
    List<String> list = new ArrayList<>(env.size() + 3);
    env.forEach((name, value) -> {
      if (!name.equals("GANTRY_OUTPUT") && !name.equals("TORK_OUTPUT") && !name.equals("TORK_PROGRESS")) {
        list.add(name + "=" + value);
      }
    });
    list.add("GANTRY_OUTPUT=" + TaskArchive.OUTPUT_PATH);
    list.add("TORK_OUTPUT=" + TaskArchive.OUTPUT_PATH);
    list.add("TORK_PROGRESS=" + TaskArchive.PROGRESS_PATH);
    return list;
  }

  private static HostConfig hostConfig(TaskExecution execution, String network) {
    TaskSpec task = execution.task();
    HostConfig host = withLimits(HostConfig.newHostConfig().withMounts(RunMounts.of(execution)), task.limits());
    if (network != null) {
      host.withNetworkMode(network);
    }
    if (task.attachments().gpus() != null) {
      host.withDeviceRequests(List.of(GpuDevices.request(task.attachments().gpus())));
    }
    if (task.attachments().privileged()) {
      // Only reached where the operator allowed it: the worker checked its HostAccessPolicy first.
      host.withPrivileged(true);
    }
    return host;
  }

  /** {@code host} with the task's limits: the task's container's, and its sidecars'. */
  static HostConfig withLimits(HostConfig host, Limits limits) {
    if (limits.cpus() != null) {
      host.withNanoCPUs(Math.round(limits.cpus() * 1_000_000_000L));
    }
    if (limits.memoryBytes() != null) {
      // Without MemorySwap Docker allows as much swap again, and the limit is not what it says.
      host.withMemory(limits.memoryBytes())
          .withMemorySwap(limits.memorySwapBytes() != null ? limits.memorySwapBytes() : limits.memoryBytes());
    }
    if (limits.pids() != null) {
      host.withPidsLimit(limits.pids());
    }
    return host;
  }
}
