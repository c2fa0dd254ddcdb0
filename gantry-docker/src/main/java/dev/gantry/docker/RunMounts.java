package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.gantry.core.spec.TaskMount;
import dev.gantry.core.spi.TaskExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mounts of every container of one task execution: the job's workspace and the task's own
 * mounts. A {@code volume} mount's volume is named after the run, so every container of the
 * execution (the task's, and its pre and post tasks') shares it; the engine creates it, labelled for
 * the leftover sweeper, with the first container, and {@link #removeVolumes} removes it after the last.
 */
final class RunMounts {

  private static final Logger log = LoggerFactory.getLogger(RunMounts.class);

  private RunMounts() {}

  static List<Mount> of(TaskExecution execution) {
    List<Mount> mounts = new ArrayList<>();
    mounts.add(Workspaces.mount(execution.jobId()));
    List<TaskMount> own = execution.task().attachments().mounts();
    for (int i = 0; i < own.size(); i++) {
      TaskMount mount = own.get(i);
      Mount m = switch (mount.type()) {
        case VOLUME -> new Mount().withType(MountType.VOLUME).withSource(Labels.mountVolumeName(execution.runId(), i))
            .withVolumeOptions(new VolumeOptions().withLabels(
                Map.of(Labels.JOB, execution.jobId(), Labels.RUN, execution.runId())));
        case TMPFS -> new Mount().withType(MountType.TMPFS);
        case BIND -> new Mount().withType(MountType.BIND).withSource(mount.source());
      };
      mounts.add(m.withTarget(mount.target()).withReadOnly(mount.readonly()));
    }
    return mounts;
  }

  static boolean hasVolumes(TaskExecution execution) {
    return execution.task().attachments().mounts().stream().anyMatch(m -> m.type() == TaskMount.Type.VOLUME);
  }

  /** Removes the execution's volumes once its containers are gone; what cannot go now, the sweeper removes. */
  static void removeVolumes(DockerClient client, TaskExecution execution) {
    List<TaskMount> own = execution.task().attachments().mounts();
    for (int i = 0; i < own.size(); i++) {
      if (own.get(i).type() != TaskMount.Type.VOLUME) {
        continue;
      }
      String name = Labels.mountVolumeName(execution.runId(), i);
      try {
        client.removeVolumeCmd(name).exec();
      } catch (NotFoundException gone) {
        // never created (the run did not get that far) or removed already
      } catch (ConflictException | IllegalStateException e) {
        log.info("volume {} of run {} is still in use, leaving it to the leftover sweeper", name, execution.runId());
      } catch (RuntimeException e) {
        log.warn("could not remove volume {} of run {}: {}", name, execution.runId(), EngineErrors.reason(e));
      }
    }
  }
}
