package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes ended containers, and a job's workspace once its containers are gone, off the task's
 * critical path: a run reports its outcome as soon as it is known, and the next task does not wait
 * for the engine to tear the last one down. What a crash leaves queued here, the leftover sweeper
 * finds by its labels.
 */
final class Teardown implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Teardown.class);
  private static final int THREADS = 2;
  /** Beyond this backlog the caller removes its container itself: the engine is not keeping up. */
  private static final int MAX_QUEUED = 256;
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  private final DockerClient client;
  private final Workspaces workspaces;
  private final ThreadPoolExecutor threads;
  /**
   * Per job, and per run ({@link #runKey}): container removals not yet done, and what waits for them
   * (the job's workspace; the run's sidecars, network and volumes).
   */
  private final Map<String, Pending> pending = new HashMap<>();

  private static final class Pending {
    int containers;
    final List<Runnable> after = new ArrayList<>();
  }

  Teardown(DockerClient client, Workspaces workspaces) {
    this.client = client;
    this.workspaces = workspaces;
    this.threads = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(MAX_QUEUED), runnable -> {
          Thread thread = new Thread(runnable, "gantry-docker-teardown");
          thread.setDaemon(true);
          return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** Force-removes the run's container soon; the job's workspace and the run's environment will not go before it. */
  void removeContainer(String jobId, String runId, String containerId) {
    synchronized (pending) {
      pending.computeIfAbsent(jobId, j -> new Pending()).containers++;
      pending.computeIfAbsent(runKey(runId), r -> new Pending()).containers++;
    }
    threads.execute(() -> {
      try {
        forceRemove(runId, containerId);
      } finally {
        containerRemoved(runKey(runId));
        containerRemoved(jobId);
      }
    });
  }

  /** Removes the job's workspace once the containers this process is removing for it are gone. */
  void removeWorkspace(String jobId) {
    afterContainers(jobId, () -> workspaces.remove(jobId));
  }

  /**
   * Runs {@code removal} (of a run's sidecars, network, volumes) once the run's containers are gone;
   * the job's workspace, which sidecars mount too, waits for it.
   */
  void afterRunContainers(String jobId, String runId, Runnable removal) {
    synchronized (pending) {
      pending.computeIfAbsent(jobId, j -> new Pending()).containers++;
    }
    afterContainers(runKey(runId), () -> {
      try {
        removal.run();
      } finally {
        containerRemoved(jobId);
      }
    });
  }

  private void afterContainers(String key, Runnable removal) {
    synchronized (pending) {
      Pending waiting = pending.get(key);
      if (waiting != null) {
        waiting.after.add(removal);
        return;
      }
    }
    threads.execute(removal);
  }

  private void containerRemoved(String key) {
    List<Runnable> next;
    synchronized (pending) {
      Pending waiting = pending.get(key);
      if (--waiting.containers > 0) {
        return;
      }
      pending.remove(key);
      next = waiting.after;
    }
    // already on a teardown thread (or the caller's, when the queue was full)
    next.forEach(Teardown::quietly);
  }

  private static void quietly(Runnable removal) {
    try {
      removal.run();
    } catch (RuntimeException e) {
      log.warn("a removal failed, leaving it to the leftover sweeper: {}", EngineErrors.reason(e));
    }
  }

  private static String runKey(String runId) {
    return "run:" + runId;
  }

  private void forceRemove(String runId, String containerId) {
    try {
      client.removeContainerCmd(containerId).withForce(true).exec();
    } catch (NotFoundException gone) {
      // removed already: nothing left behind
    } catch (RuntimeException e) {
      log.warn("could not remove container {} of run {}, leaving it to the leftover sweeper: {}", containerId, runId,
          EngineErrors.reason(e));
    }
  }

  /** Waits a short while for the removals already asked for; the leftover sweeper handles any left. */
  @Override
  public void close() {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} container and workspace removals still pending at shutdown, leaving them to the leftover sweeper",
            threads.getQueue().size() + threads.getActiveCount());
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      threads.shutdownNow();
    }
  }
}
