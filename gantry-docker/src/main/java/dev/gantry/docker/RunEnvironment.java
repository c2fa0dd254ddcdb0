package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spec.Sidecar;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one task execution has beside its containers, in one place so that every container of the
 * execution (the task's, and its pre and post tasks') shares it: the network it shares with its
 * sidecars, the sidecars themselves, the existing networks it joins and its temporary volumes
 * ({@link RunMounts}). {@link #open} comes before the first container, {@link #close} after the
 * last is removed. Everything carries the run's labels, so the leftover sweeper removes what a
 * crash left.
 */
final class RunEnvironment {

  private static final Logger log = LoggerFactory.getLogger(RunEnvironment.class);
  private static final List<String> SHELL = List.of("sh", "-c");

  private final DockerRuntime.Parts parts;
  private final DockerClient client;
  private final TaskExecution execution;
  private final LogSink sink;
  private final List<String> sidecarIds = new ArrayList<>();
  private final List<AutoCloseable> sidecarLogs = new ArrayList<>();
  private volatile boolean networkCreated;

  RunEnvironment(DockerRuntime.Parts parts, TaskExecution execution, LogSink sink) {
    this.parts = parts;
    this.client = parts.client();
    this.execution = execution;
    this.sink = sink;
  }

  private List<Sidecar> sidecars() {
    return execution.task().attachments().sidecars();
  }

  /** Nothing to make or remove: the common run pays for none of this. */
  boolean isEmpty() {
    return sidecars().isEmpty() && !RunMounts.hasVolumes(execution);
  }

  /**
   * {@link #open}s the environment; returns why the run cannot start, or null when it can. Like the
   * runtime, it never throws.
   */
  TaskOutcome start(Cancellation cancellation) {
    try {
      open(cancellation);
      return cancellation.isCancelled() && !sidecars().isEmpty()
          ? TaskOutcome.failedToStart("cancelled before the container started") : null;
    } catch (StartFailure e) {
      return TaskOutcome.failedToStart(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TaskOutcome.failedToStart("interrupted while starting the sidecars");
    } catch (RuntimeException e) {
      return TaskOutcome.failedToStart(parts.errors().describe("starting the sidecars", e));
    }
  }

  /**
   * Creates the run's network and starts its sidecars on it, each reachable by its name.
   *
   * @throws StartFailure when a sidecar's image is missing or a sidecar does not start
   */
  private void open(Cancellation cancellation) throws InterruptedException {
    if (isEmpty()) {
      return;
    }
    clearEarlierAttempt();
    if (sidecars().isEmpty()) {
      return;
    }
    String network = Labels.runNetworkName(execution.runId());
    client.createNetworkCmd().withName(network).withCheckDuplicate(true)
        .withLabels(Map.of(Labels.JOB, execution.jobId(), Labels.RUN, execution.runId())).exec();
    networkCreated = true;
    for (Sidecar sidecar : sidecars()) {
      if (cancellation.isCancelled()) {
        return;
      }
      parts.images().ensure(sidecar.image(), sidecar.registry(), cancellation);
      String id = create(sidecar, network);
      sidecarIds.add(id);
      connect(id);
      try {
        client.startContainerCmd(id).exec();
      } catch (RuntimeException e) {
        throw new StartFailure("sidecar '" + sidecar.name() + "' did not start: " + EngineErrors.reason(e));
      }
      LogSink named = new PrefixedSink(sink, "[sidecar " + sidecar.name() + "] ");
      sidecarLogs.add(new EngineLog(parts.http(), id).follow(new LogStream(named, parts.settings().maxOutputBytes())));
      if (sidecar.probe() != null) {
        SidecarReadiness.await(client, id, network, sidecar, cancellation);
      }
    }
  }

  /**
   * A run handed back by a worker that died starts again under its id: what that attempt left (its
   * containers, network and volumes, which carry the same names) goes first, so that the names
   * are free and the volumes start empty.
   */
  private void clearEarlierAttempt() {
    List<Container> left = client.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(Labels.RUN, execution.runId())).exec();
    if (!left.isEmpty()) {
      log.warn("removing {} containers left by an earlier attempt of run {}", left.size(), execution.runId());
      left.forEach(c -> {
        try {
          client.removeContainerCmd(c.getId()).withForce(true).exec();
        } catch (NotFoundException gone) {
          // removed meanwhile
        }
      });
    }
    if (!sidecars().isEmpty()) {
      try {
        client.removeNetworkCmd(Labels.runNetworkName(execution.runId())).exec();
      } catch (NotFoundException none) {
        // the common case: no earlier attempt
      }
    }
    RunMounts.removeVolumes(client, execution);
  }

  private String create(Sidecar sidecar, String network) {
    CreateContainerCmd cmd = client.createContainerCmd(sidecar.image())
        .withName(Labels.sidecarName(execution.runId(), sidecar.name()))
        .withLabels(Map.of(Labels.JOB, execution.jobId(), Labels.RUN, execution.runId(), Labels.NODE, execution.nodeId(),
            Labels.SIDECAR, sidecar.name()))
        .withEnv(sidecar.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        // As in Tork, a sidecar shares the task's mounts, limits and networks.
        .withHostConfig(ContainerRequest.withLimits(HostConfig.newHostConfig(), execution.task().limits())
            .withNetworkMode(network).withMounts(RunMounts.of(execution)))
        .withAliases(sidecar.name());
    if (sidecar.run() != null && !sidecar.run().isBlank()) {
      cmd.withEntrypoint(sidecar.entrypoint().isEmpty() ? SHELL : sidecar.entrypoint()).withCmd(sidecar.run());
    } else {
      if (!sidecar.entrypoint().isEmpty()) {
        cmd.withEntrypoint(sidecar.entrypoint());
      }
      if (!sidecar.cmd().isEmpty()) {
        cmd.withCmd(sidecar.cmd());
      }
    }
    try {
      return cmd.exec().getId();
    } catch (NotFoundException e) {
      throw new StartFailure("sidecar '" + sidecar.name() + "' could not be created: " + EngineErrors.reason(e));
    }
  }

  /**
   * The network mode of one of the execution's containers ({@code container}: its task, the main
   * one's or a pre/post one's): the run's network when it has sidecars, else the container's own
   * network, else the main task's.
   */
  String networkMode(TaskSpec container, String defaultNetwork) {
    if (!sidecars().isEmpty()) {
      return Labels.runNetworkName(execution.runId());
    }
    if (container.network() != null) {
      return container.network();
    }
    TaskSpec task = execution.task();
    return task.network() != null ? task.network() : defaultNetwork;
  }

  /**
   * Connects a created container (the task's, or a sidecar's) to the networks the task joins beside
   * its network mode.
   *
   * @throws StartFailure naming a network the engine does not have
   */
  void connect(String containerId) {
    TaskSpec task = execution.task();
    List<String> extra = new ArrayList<>();
    if (!sidecars().isEmpty() && task.network() != null) {
      extra.add(task.network());
    }
    extra.addAll(task.attachments().networks());
    for (String network : extra) {
      try {
        // The engine connects a created container to a missing network and only fails its start, unclearly.
        client.inspectNetworkCmd().withNetworkId(network).exec();
        client.connectToNetworkCmd().withContainerId(containerId).withNetworkId(network).exec();
      } catch (NotFoundException e) {
        throw new StartFailure("network '" + network + "' does not exist on the Docker engine");
      }
    }
  }

  /** Stops the sidecars' log streams (the run's log is complete without them once its containers ended). */
  void stopLogs() {
    sidecarLogs.forEach(LogStream::closeQuietly);
  }

  /** Stops the sidecars' log streams; the removal comes once the execution's containers are gone. */
  void close() {
    stopLogs();
    if (isEmpty() || parts.isDetached()) {
      return;
    }
    parts.teardown().afterRunContainers(execution.jobId(), execution.runId(), this::remove);
  }

  /** Sidecars, then the network they were on, then the volumes. */
  private void remove() {
    for (String id : sidecarIds) {
      try {
        client.removeContainerCmd(id).withForce(true).exec();
      } catch (NotFoundException gone) {
        // removed already
      } catch (RuntimeException e) {
        log.warn("could not remove sidecar {} of run {}: {}", id, execution.runId(), EngineErrors.reason(e));
      }
    }
    if (networkCreated) {
      try {
        client.removeNetworkCmd(Labels.runNetworkName(execution.runId())).exec();
      } catch (NotFoundException gone) {
        // removed already
      } catch (RuntimeException e) {
        log.warn("could not remove network of run {}: {}", execution.runId(), EngineErrors.reason(e));
      }
    }
    RunMounts.removeVolumes(client, execution);
  }

  /** Puts {@code prefix} at the start of each line, so a sidecar's output is told from the task's. */
  private static final class PrefixedSink implements LogSink {
    private final LogSink sink;
    private final String prefix;
    private boolean lineStart = true;

    PrefixedSink(LogSink sink, String prefix) {
      this.sink = sink;
      this.prefix = prefix;
    }

    @Override
    public synchronized void write(Stream stream, String text) {
      sink.write(stream, lineStart ? prefix + text : text);
      lineStart = text.endsWith("\n") || text.endsWith("\r");
    }
  }
}
