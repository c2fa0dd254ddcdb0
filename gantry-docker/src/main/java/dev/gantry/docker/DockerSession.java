package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.RuntimeSession;
import dev.gantry.core.spi.SessionFailure;
import dev.gantry.core.spi.TaskExecution;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session as one long-lived container (named and labelled as the run's task container, with the
 * job's workspace) that idles until it is removed; each command is a Docker exec in it. A cancel
 * kills the container, which ends a running exec.
 */
final class DockerSession implements RuntimeSession {

  private static final Logger log = LoggerFactory.getLogger(DockerSession.class);
  /** Keeps the container alive, and stops at once on SIGTERM (the shell as PID 1 ignores it otherwise). */
  private static final List<String> IDLE = List.of("sh", "-c", "trap 'exit 0' TERM INT; while :; do sleep 3600 & wait $!; done");

  private final DockerClient client;
  private final DockerRuntime.Parts parts;
  private final TaskExecution execution;
  private final String containerId;
  private volatile boolean closed;
  /** What the session's commands may still print, together. */
  private final AtomicLong outputBudget;

  private DockerSession(DockerRuntime.Parts parts, TaskExecution execution, String containerId) {
    this.client = parts.client();
    this.parts = parts;
    this.execution = execution;
    this.containerId = containerId;
    this.outputBudget = new AtomicLong(parts.settings().maxOutputBytes());
  }

  /** Creates and starts the container; nothing is left behind when that fails. */
  static DockerSession open(DockerRuntime.Parts parts, TaskExecution execution, Cancellation cancellation) {
    String step = "checking the image";
    String id = null;
    try {
      parts.images().ensure(execution.task().image(), execution.task().attachments().registry(), cancellation);
      step = "creating the session's container";
      id = create(parts, execution);
      step = "starting the session's container";
      parts.client().startContainerCmd(id).exec();
    } catch (StartFailure e) {
      throw new SessionFailure(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      removeQuietly(parts, execution, id);
      throw new SessionFailure("interrupted while " + step);
    } catch (RuntimeException e) {
      removeQuietly(parts, execution, id);
      throw new SessionFailure(parts.errors().describe(step, e), e);
    }
    DockerSession session = new DockerSession(parts, execution, id);
    cancellation.onCancel(session::kill);
    return session;
  }

  private static String create(DockerRuntime.Parts parts, TaskExecution execution) {
    try {
      return request(parts, execution).exec().getId();
    } catch (ConflictException nameTaken) {
      // The container of an earlier attempt of this very run, left by a crashed worker.
      log.warn("removing an old session container {} of run {}", Labels.containerName(execution.runId()), execution.runId());
      parts.client().removeContainerCmd(Labels.containerName(execution.runId())).withForce(true).exec();
      return request(parts, execution).exec().getId();
    }
  }

  private static CreateContainerCmd request(DockerRuntime.Parts parts, TaskExecution execution) {
    TaskSpec task = execution.task();
    String network = task.network() != null ? task.network() : parts.settings().defaultNetwork();
    HostConfig host = ContainerRequest.withLimits(
        HostConfig.newHostConfig().withMounts(List.of(Workspaces.mount(execution.jobId()))), task.limits());
    if (network != null) {
      host.withNetworkMode(network);
    }
    return parts.client().createContainerCmd(task.image())
        .withName(Labels.containerName(execution.runId()))
        .withLabels(Map.of(Labels.JOB, execution.jobId(), Labels.RUN, execution.runId(), Labels.NODE, execution.nodeId()))
        .withEnv(environment(execution.env()))
        .withWorkingDir(ContainerRequest.workdir(task))
        .withEntrypoint(IDLE.subList(0, 2))
        .withCmd(IDLE.get(2))
        .withHostConfig(host);
  }

  @Override
  public int exec(List<String> command, Map<String, String> env, LogSink logs) {
    requireOpen();
    try {
      String execId = client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
          .withEnv(environment(env)).withAttachStdout(true).withAttachStderr(true).exec().getId();
      ExecOutput output = client.execStartCmd(execId).exec(new ExecOutput(logs, outputBudget));
      output.awaitCompletion();
      output.finish();
      Long code = client.inspectExecCmd(execId).exec().getExitCodeLong();
      // An exec whose container was killed under it may never get a code of its own.
      return code == null ? 137 : code.intValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionFailure("interrupted while running " + command.get(0) + " in the session");
    } catch (NotFoundException | ConflictException gone) {
      throw new SessionFailure("the session's container is gone or stopped: " + EngineErrors.reason(gone));
    } catch (RuntimeException e) {
      throw new SessionFailure(parts.errors().describe("running " + command.get(0) + " in the session", e), e);
    }
  }

  @Override
  public void writeFile(String path, byte[] content, int mode) {
    requireOpen();
    try {
      client.copyArchiveToContainerCmd(containerId).withRemotePath("/")
          .withTarInputStream(new ByteArrayInputStream(SessionFiles.archive(path, content, mode))).exec();
    } catch (IllegalArgumentException e) {
      throw new SessionFailure(e.getMessage());
    } catch (RuntimeException e) {
      throw new SessionFailure(parts.errors().describe("writing " + path + " into the session", e), e);
    }
  }

  @Override
  public byte[] readFile(String path, long maxBytes) {
    requireOpen();
    try {
      return SessionFiles.read(client.copyArchiveFromContainerCmd(containerId, path).exec(), path, maxBytes);
    } catch (NotFoundException missing) {
      throw new SessionFailure(path + ": no such file");
    } catch (RuntimeException e) {
      throw new SessionFailure(parts.errors().describe("reading " + path + " from the session", e), e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new SessionFailure("the session of run " + execution.runId() + " is closed");
    }
  }

  /** Runs on the cancelling thread; must return quickly. */
  private void kill() {
    if (closed) {
      return;
    }
    try {
      client.killContainerCmd(containerId).exec();
    } catch (NotFoundException | ConflictException notRunning) {
      log.debug("session container {} was not running when cancelled", containerId);
    } catch (RuntimeException e) {
      log.warn("could not kill session container {} of run {}: {}", containerId, execution.runId(), EngineErrors.reason(e));
    }
  }

  /** Leaves the container running (the idle loop keeps it up); the leftover sweeper removes it when its keep time ended. */
  @Override
  public void keep() {
    closed = true;
    log.info("keeping session container {} of run {} for a shell", containerId, execution.runId());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    parts.beforeRemoval().accept(containerId);
    parts.teardown().removeContainer(execution.jobId(), execution.runId(), containerId);
  }

  private static void removeQuietly(DockerRuntime.Parts parts, TaskExecution execution, String id) {
    if (id != null) {
      parts.teardown().removeContainer(execution.jobId(), execution.runId(), id);
    }
  }

  private static List<String> environment(Map<String, String> env) {
    List<String> list = new ArrayList<>(env.size());
    env.forEach((name, value) -> list.add(name + "=" + value));
    return list;
  }
}
