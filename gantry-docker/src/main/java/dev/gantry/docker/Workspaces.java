package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A job's workspace: a named volume, mounted at /shared in each of the job's task containers. */
final class Workspaces {

  static final String MOUNT_POINT = "/shared";

  private static final Logger log = LoggerFactory.getLogger(Workspaces.class);
  private static final int REMOVE_ATTEMPTS = 6;
  private static final long FIRST_RETRY_MILLIS = 100;

  private final DockerClient client;
  private final EngineErrors errors;

  Workspaces(DockerClient client, EngineErrors errors) {
    this.client = client;
    this.errors = errors;
  }

  /** Creates the job's volume unless it exists; the engine answers a repeated create with the same volume. */
  String ensure(String jobId) {
    String name = Labels.workspaceName(jobId);
    try {
      client.createVolumeCmd().withName(name).withLabels(Map.of(Labels.JOB, jobId)).exec();
    } catch (ConflictException raced) {
      log.debug("workspace {} was created concurrently: {}", name, raced.getMessage());
    }
    return name;
  }

  /**
   * Removes the job's volume. A container of the job may still be on its way out (force-removed
   * by another thread), so "in use" is retried for about three seconds before giving up; the
   * leftover sweeper removes it later.
   */
  void remove(String jobId) {
    String name = Labels.workspaceName(jobId);
    long pause = FIRST_RETRY_MILLIS;
    for (int attempt = 1; ; attempt++) {
      try {
        client.removeVolumeCmd(name).exec();
        return;
      } catch (NotFoundException gone) {
        return;
      } catch (ConflictException inUse) {
        if (attempt == REMOVE_ATTEMPTS) {
          log.warn("workspace {} of job {} is still in use, leaving it to the leftover sweeper: {}", name, jobId,
              EngineErrors.reason(inUse));
          return;
        }
      } catch (RuntimeException e) {
        log.warn("could not remove workspace {} of job {}: {}", name, jobId, errors.describe("removing the volume", e));
        return;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pause *= 2;
    }
  }
}
