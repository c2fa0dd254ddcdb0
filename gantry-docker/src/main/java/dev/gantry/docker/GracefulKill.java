package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a task's container as {@code docker stop} does, without blocking the caller: SIGTERM now,
 * SIGKILL once the grace has passed (if the container still runs: a kill of one that exited is
 * refused by the engine, which is fine). A zero grace is SIGKILL at once.
 */
final class GracefulKill {

  private static final Logger log = LoggerFactory.getLogger(GracefulKill.class);
  /** One daemon thread for every pending SIGKILL of the process: each is a single quick call. */
  private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "gantry-graceful-kill");
    thread.setDaemon(true);
    return thread;
  });

  private GracefulKill() {}

  /** Signals the container; returns at once. */
  static void stop(DockerClient client, String containerId, Duration grace) {
    if (grace.isZero()) {
      signal(client, containerId, "SIGKILL");
      return;
    }
    signal(client, containerId, "SIGTERM");
    LATER.schedule(() -> signal(client, containerId, "SIGKILL"), grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void signal(DockerClient client, String containerId, String signal) {
    try {
      client.killContainerCmd(containerId).withSignal(signal).exec();
    } catch (NotFoundException | ConflictException notRunning) {
      log.debug("container {} was not running when sent {}", containerId, signal);
    } catch (RuntimeException e) {
      log.warn("could not send {} to container {}: {}", signal, containerId, EngineErrors.reason(e));
    }
  }
}
