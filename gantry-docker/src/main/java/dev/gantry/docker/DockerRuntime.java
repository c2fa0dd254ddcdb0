package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.ReattachableContainer;
import dev.gantry.core.spi.RunScope;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.core.spi.RuntimeSession;
import dev.gantry.core.spi.RuntimeShell;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.spi.TaskRuntime;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks as Docker containers through the Engine API (docker-java). Construction does not
 * contact the engine's registry and does not fail when the engine is down: runs then end with a
 * clear error, and {@link #verify()} lets a command refuse to start.
 */
public final class DockerRuntime implements TaskRuntime {

  private static final Logger log = LoggerFactory.getLogger(DockerRuntime.class);
  /** Bounds connecting only: following logs and waiting for exit legitimately take hours. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Each running task holds two streams (logs, wait) plus short calls. */
  private static final int MAX_CONNECTIONS = 200;

  /**
   * What each run needs, built once. {@code beforeRemoval} sees each run's container id once the
   * run is done with it, before it is removed: for tests that compare with what the engine kept.
   */
  record Parts(DockerClient client, DockerHttpClient http, DockerSettings settings, ImageSource images, Teardown teardown,
      EngineErrors errors, Consumer<String> beforeRemoval, AtomicBoolean detached, KeptRuns kept) {

    /** The process is leaving its running containers to the next worker of its node: nothing is killed or removed. */
    boolean isDetached() {
      return detached.get();
    }
  }

  private final DockerSettings settings;
  private final DockerClient client;
  private final Parts parts;
  private final Leftovers leftovers;
  private volatile String engineVersion;
  private volatile String engineId;

  public DockerRuntime(DockerSettings settings) {
    this(settings, containerId -> { });
  }

  /** A runtime that shows each run's container to {@code beforeRemoval} before removing it (for tests). */
  DockerRuntime(DockerSettings settings, Consumer<String> beforeRemoval) {
    this.settings = settings;
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(settings.dockerHost())
        .build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(MAX_CONNECTIONS)
        .connectionTimeout(CONNECT_TIMEOUT)
        .build();
    this.client = DockerClientImpl.getInstance(config, http);
    EngineErrors errors = new EngineErrors(settings.dockerHost());
    this.parts = new Parts(client, http, settings, new ImageSource(client, settings.pullPolicy(), settings.pullTimeout()),
        new Teardown(client, new Workspaces(client, errors)), errors, beforeRemoval, new AtomicBoolean(),
        new KeptRuns());
    this.leftovers = new Leftovers(client);
    try {
      verify();
    } catch (IllegalStateException e) {
      // Not a warning: a process that needs the engine calls verify() and refuses to start with this message.
      log.debug("{}; task runs will fail until it answers", e.getMessage());
    }
  }

  /** A runtime with {@link DockerSettings#defaults()}. */
  public DockerRuntime() {
    this(DockerSettings.defaults());
  }

  /**
   * Asks the engine for its version.
   *
   * @throws IllegalStateException "Docker engine unreachable at ...: ..." when it does not answer
   */
  public void verify() {
    try {
      engineVersion = client.versionCmd().exec().getVersion();
    } catch (RuntimeException e) {
      throw new IllegalStateException(parts.errors().unreachable(e));
    }
  }

  /**
   * The engine's id ({@link EngineIdentity}), asked for once.
   *
   * @throws IllegalStateException when the engine does not answer, or its marker volume is not Gantry's
   */
  @Override
  public String engineId() {
    String id = engineId;
    if (id == null) {
      try {
        id = EngineIdentity.of(client, settings.dockerHost());
      } catch (IllegalStateException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new IllegalStateException(parts.errors().unreachable(e));
      }
      engineId = id;
    }
    return id;
  }

  public DockerSettings settings() {
    return settings;
  }

  @Override
  public TaskOutcome run(TaskExecution execution, LogSink logs, Cancellation cancellation) {
    try {
      try (RunScope scope = open(execution, logs, cancellation)) {
        TaskOutcome failed = scope.startFailure();
        return failed != null ? failed : scope.run(execution);
      }
    } finally {
      // A lone container, removed as soon as it ended: not safe against a kill before its caller
      // stores the outcome. The worker does not come this way: it opens a scope and calls endRun
      // once the outcome is committed (TaskExecutor).
      endRun(execution.runId(), true);
    }
  }

  /** The run's environment, opened now and shared by the containers run in it until it is closed. */
  @Override
  public RunScope open(TaskExecution main, LogSink logs, Cancellation cancellation) {
    return new DockerRunScope(parts, main, logs, cancellation);
  }

  @Override
  public boolean canReattach() {
    return true;
  }

  /** Found by their labels: this node's task containers (not sidecars), running or stopped. */
  @Override
  public List<ReattachableContainer> reattachable(String nodeId) {
    try {
      return leftovers.ofNode(nodeId);
    } catch (RuntimeException e) {
      throw new IllegalStateException(parts.errors().describe("listing the containers of node " + nodeId, e));
    }
  }

  /**
   * The run's environment as the earlier process left it: nothing is made; its sidecars and network
   * stay up for the container taken over and go with the leftover sweeper once the run has ended.
   */
  @Override
  public RunScope reopen(TaskExecution main, LogSink logs, Cancellation cancellation) {
    return DockerRunScope.reopened(parts, main, logs, cancellation);
  }

  @Override
  public void endRun(String runId, boolean outcomeStored) {
    parts.kept().release(runId, outcomeStored);
  }

  @Override
  public void detach() {
    parts.detached().set(true);
  }

  @Override
  public boolean answers() {
    try {
      client.pingCmd().exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public RuntimeSession openSession(TaskExecution execution, Cancellation cancellation) {
    return DockerSession.open(parts, execution, cancellation);
  }

  @Override
  public RuntimeShell openShell(String runId, Map<String, String> env, RuntimeShell.Output output) {
    return DockerShell.open(parts, runId, env, output);
  }

  /** Returns at once: the volume goes after the job's containers, on a teardown thread. */
  @Override
  public void removeWorkspace(String jobId) {
    parts.teardown().removeWorkspace(jobId);
  }

  /** @throws IllegalStateException when the engine cannot be asked */
  @Override
  public List<RuntimeResource> resources() {
    try {
      return leftovers.list();
    } catch (RuntimeException e) {
      throw new IllegalStateException(parts.errors().describe("listing containers and volumes", e));
    }
  }

  @Override
  public void remove(RuntimeResource resource) {
    try {
      leftovers.remove(resource);
    } catch (RuntimeException e) {
      throw new IllegalStateException(parts.errors().describe("removing " + resource.id(), e));
    }
  }

  @Override
  public String describe() {
    if (engineVersion == null) {
      try {
        verify();
      } catch (IllegalStateException stillDown) {
        // described below
      }
    }
    String version = engineVersion;
    return version != null ? "docker " + version + " at " + settings.dockerHost()
        : "docker (engine not answering) at " + settings.dockerHost();
  }

  @Override
  public void close() {
    parts.teardown().close();
    try {
      client.close();
    } catch (IOException e) {
      log.debug("closing the Docker client failed: {}", e.toString());
    }
  }
}
