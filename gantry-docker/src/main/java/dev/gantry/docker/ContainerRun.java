package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.LogSink;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task run in one container, from creation to its outcome. Whatever happens (failure, cancel,
 * exception) the container is handed to {@code whenEnded} before {@link #run} returns, which removes it
 * once the run's outcome is stored (see {@link KeptRuns}).
 */
final class ContainerRun {

  private static final Logger log = LoggerFactory.getLogger(ContainerRun.class);
  /**
   * The engine ends a follow stream once the container stopped (what it misses at the end is then
   * read from the engine's log); this only bounds a stuck one (no output for this long), not one
   * still delivering a fast task's backlog.
   */
  private static final Duration LOG_DRAIN = Duration.ofSeconds(10);
  /** How long an engine that killed a task's container is watched for going away. */
  private static final Duration ENGINE_SHUTDOWN = Duration.ofSeconds(15);

  private final DockerClient client;
  private final DockerRuntime.Parts parts;
  private final TaskExecution execution;
  private final LogSink sink;
  private final Cancellation cancellation;
  private final RunEnvironment environment;
  private final Consumer<String> whenEnded;
  private volatile String containerId;
  private volatile boolean ended;
  private volatile boolean killed;
  /** The container was started (by this run, or by the earlier process whose run this one took over). */
  private volatile boolean started;
  private AutoCloseable follow;
  private ProgressWatch progress;
  private String step = "preparing the container";
  /** The script travels in the create call ({@link ScriptBoot}), not in a copied archive. */
  private boolean boot;

  ContainerRun(DockerRuntime.Parts parts, TaskExecution execution, RunEnvironment environment, LogSink sink,
      Cancellation cancellation, Consumer<String> whenEnded) {
    this.environment = environment;
    this.whenEnded = whenEnded;
    this.client = parts.client();
    this.parts = parts;
    this.execution = execution;
    this.sink = sink;
    this.cancellation = cancellation;
  }

  TaskOutcome run() {
    return guarded(this::startAndWait);
  }

  /**
   * Takes over {@code id}, this run's container made by an earlier process (running, or ended and
   * not removed): follows its output from its start and waits for its end, as {@link #run} does
   * once it has started its container.
   */
  TaskOutcome resume(String id) {
    return guarded(() -> {
      containerId = id;
      started = true;
      progress = ProgressWatch.start(new ProgressFile(client, parts.http(), containerId), sink);
      cancellation.onCancel(this::kill);
      return followAndWait();
    });
  }

  private interface Step {
    TaskOutcome run() throws InterruptedException;
  }

  private TaskOutcome guarded(Step body) {
    try {
      return body.run();
    } catch (StartFailure e) {
      return TaskOutcome.failedToStart(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TaskOutcome.failedToStart("interrupted while " + step);
    } catch (RuntimeException e) {
      log.debug("run {} failed while {}", execution.runId(), step, e);
      // A wait or log stream the engine ends as it shuts down is no I/O error: whether it still answers tells.
      if (EngineErrors.isUnreachable(e) || (started && !parts.isDetached() && engineGoesAwayQuietly())) {
        return engineLost(EngineErrors.reason(e));
      }
      return TaskOutcome.failedToStart(parts.errors().describe(step, e));
    } finally {
      ended = true;
      if (follow != null) {
        LogStream.closeQuietly(follow);
      }
      if (progress != null) {
        progress.close();
      }
      if (!parts.isDetached() && containerId != null) {
        whenEnded.accept(containerId);
      }
    }
  }

  /**
   * The engine went away under the run (stopped, restarted, its socket gone): not the task's doing.
   * The container, if any, is the leftover sweeper's once the engine is back.
   */
  private TaskOutcome engineLost(String reason) {
    String what = started ? "the Docker engine at " + parts.settings().dockerHost() + " stopped or restarted while the task ran ("
        + reason + ")" : "Docker engine unreachable at " + parts.settings().dockerHost() + ": " + reason;
    return TaskOutcome.runtimeLost(what + "; the task is run again as a new attempt");
  }

  private TaskOutcome startAndWait() throws InterruptedException {
    TaskSpec task = execution.task();
    // Built first, also when unused: a bad file name fails the run before anything is pulled or created.
    byte[] archive = TaskArchive.build(ContainerRequest.hasScript(task) ? task.run() : null, task.files(),
        ContainerRequest.workdir(task));
    if (parts.images().pullsFirst()) {
      parts.images().ensure(task.image(), task.attachments().registry(), cancellation);
    }
    if (cancellation.isCancelled()) {
      return notStarted();
    }
    boot = ScriptBoot.fits(task) && parts.images().runsAsRoot(task.image());
    step = "creating the container";
    if (!created()) {
      // The image is missing: only now is it worth asking about it, so the common run makes no extra call.
      step = "checking the image";
      parts.images().ensure(task.image(), task.attachments().registry(), cancellation);
      if (cancellation.isCancelled()) {
        return notStarted();
      }
      step = "creating the container";
      containerId = createContainer();
    }
    step = "joining the task's networks";
    environment.connect(containerId);
    if (!boot) {
      step = "copying the script and files into the container";
      client.copyArchiveToContainerCmd(containerId).withRemotePath("/")
          .withTarInputStream(new ByteArrayInputStream(archive)).exec();
    }
    cancellation.onCancel(this::kill);
    if (cancellation.isCancelled()) {
      return notStarted();
    }
    step = "starting the container";
    client.startContainerCmd(containerId).exec();
    sink.containerStarted();
    started = true;
    progress = ProgressWatch.start(new ProgressFile(client, parts.http(), containerId), sink);
    if (cancellation.isCancelled()) {
      kill(); // a cancel between the check and the start found nothing running to kill
    }
    return followAndWait();
  }

  /** Follows the started container's output to its end, then reads its exit code and result. */
  private TaskOutcome followAndWait() throws InterruptedException {
    step = "following the container's output";
    EngineLog engineLog = new EngineLog(parts.http(), containerId);
    LogStream output = new LogStream(sink, parts.settings().maxOutputBytes());
    follow = engineLog.follow(output);
    step = "waiting for the container";
    int code = client.waitContainerCmd(containerId).exec(new ExitWait()).exitCode();
    if (!killed && (code == 128 + 9 || code == 128 + 15) && !parts.isDetached() && !outOfMemory() && engineGoesAway()) {
      return engineLost("the container was stopped with exit code " + code + " as the engine shut down");
    }
    if (progress != null) {
      step = "reading the progress file";
      progress.finish();
    }
    step = "reading the container's output";
    output.finish(LOG_DRAIN, follow, new EngineLogTail(engineLog));
    step = "reading the result file";
    String result = ResultFile.read(client, parts.http(), containerId);
    return outcome(code, result, output.lastLines());
  }

  /** Creates the container; false (and nothing created) when the engine does not have the image. */
  private boolean created() {
    try {
      containerId = createContainer();
      return true;
    } catch (NotFoundException missing) {
      if (parts.images().isPresent(execution.task().image())) {
        throw missing; // something else is missing, e.g. the network
      }
      return false;
    }
  }

  private String createContainer() {
    String network = environment.networkMode(execution.task(), parts.settings().defaultNetwork());
    try {
      return ContainerRequest.create(client, execution, network, boot).exec().getId();
    } catch (ConflictException nameTaken) {
      // A container of this very run survived a crashed worker; the run starts over without it.
      log.warn("removing an old container named {} left by an earlier attempt of run {}",
          Labels.containerName(execution.containerKey()), execution.runId());
      client.removeContainerCmd(Labels.containerName(execution.containerKey())).withForce(true).exec();
      return ContainerRequest.create(client, execution, network, boot).exec().getId();
    }
  }

  private TaskOutcome outcome(int code, String result, String lastLines) {
    if (killed && code != 0) {
      String why = cancellation.reason().map(r -> r.name().toLowerCase(Locale.ROOT).replace('_', ' ')).orElse("cancelled");
      return new TaskOutcome(code, result, "killed (" + why + "), exit code " + code);
    }
    if (code != 0 && outOfMemory()) {
      String note = "killed for using more than its memory limit of " + bytes(execution.task().limits().memoryBytes());
      return TaskOutcome.exited(code, result, lastLines.isEmpty() ? note : note + "\n" + lastLines);
    }
    return TaskOutcome.exited(code, result, lastLines);
  }

  /**
   * Whether the engine that just killed the container (SIGTERM, then SIGKILL) is shutting down: a
   * stopping engine stops its containers first (live-restore off) and closes its API only after,
   * so an engine that stops answering within {@link #ENGINE_SHUTDOWN} did. Only a task killed by a
   * signal, which a task rarely is, pays for the look.
   */
  private boolean engineGoesAway() throws InterruptedException {
    long deadline = System.nanoTime() + ENGINE_SHUTDOWN.toNanos();
    while (System.nanoTime() < deadline) {
      if (stoppedByTheEngine()) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private boolean engineGoesAwayQuietly() {
    try {
      return engineGoesAway();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether the engine no longer answers. */
  private boolean stoppedByTheEngine() {
    try {
      client.pingCmd().exec();
    } catch (RuntimeException down) {
      return true;
    }
    return false;
  }

  private boolean outOfMemory() {
    if (execution.task().limits().memoryBytes() == null) {
      return false;
    }
    Boolean oom = client.inspectContainerCmd(containerId).exec().getState().getOOMKilled();
    return Boolean.TRUE.equals(oom);
  }

  private TaskOutcome notStarted() {
    return TaskOutcome.failedToStart("cancelled before the container started");
  }

  /** Runs on the cancelling thread; must return quickly. SIGTERM first where the settings give a cancel grace. */
  private void kill() {
    String id = containerId;
    if (id == null || ended) {
      return;
    }
    killed = true;
    GracefulKill.stop(client, id, parts.settings().cancelGrace());
  }

  private static String bytes(long n) {
    long mib = 1024 * 1024;
    return n % mib == 0 ? n / mib + " MiB" : n + " bytes";
  }
}
