package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A job's workspace: a named volume, mounted at /shared in each of the job's task containers. */
final class Workspaces {

  static final String MOUNT_POINT = "/shared";

  private static final Logger log = LoggerFactory.getLogger(Workspaces.class);

  private final DockerClient client;
  private final EngineErrors errors;

  Workspaces(DockerClient client, EngineErrors errors) {
    this.client = client;
    this.errors = errors;
  }

  /**
   * The mount of the job's volume. The engine creates a missing volume as it creates the container,
   * with these labels (so the leftover sweeper finds it), and shares an existing one: no call of its
   * own, and no race between the first tasks of a job.
   */
  static Mount mount(String jobId) {
    return new Mount().withType(MountType.VOLUME).withSource(Labels.workspaceName(jobId)).withTarget(MOUNT_POINT)
        .withVolumeOptions(new VolumeOptions().withLabels(Map.of(Labels.JOB, jobId)));
  }

  /**
   * Removes the job's volume; one already gone is fine. One still in use (by a container of another
   * process, or of the job restarted meanwhile) is left to the leftover sweeper's next round.
   */
  void remove(String jobId) {
    String name = Labels.workspaceName(jobId);
    try {
      client.removeVolumeCmd(name).exec();
    } catch (NotFoundException gone) {
      // removed already, or never created
    } catch (ConflictException inUse) {
      log.info("workspace {} of job {} is still in use, leaving it to the leftover sweeper: {}", name, jobId,
          EngineErrors.reason(inUse));
    } catch (RuntimeException e) {
      log.warn("could not remove workspace {} of job {}: {}", name, jobId, errors.describe("removing the volume", e));
    }
  }
}
