package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import java.util.Map;
import java.util.UUID;

/**
 * The id of a Docker engine as Gantry knows it: a random UUID kept as the label of a marker volume,
 * {@value #VOLUME}, on that engine. Creating a volume is idempotent on its name (an existing one is
 * returned as it is, labels included), so the first process to ask makes the id and every later
 * one, on any machine, reads the same. Not {@code docker info}'s ID: engines cloned from one image,
 * or sharing {@code /etc/docker/key.json} (as the two engines of Gantry's tests do), report the
 * same ID; nor the host name, which several engines on one machine share. The volume lives in the
 * engine's data root, so the id lasts as long as the engine's containers and volumes do; an engine
 * whose data root is wiped (or whose marker volume is removed) is a new engine, and the jobs pinned
 * to the old one are started again elsewhere.
 */
final class EngineIdentity {

  static final String VOLUME = "gantry-engine-id";
  static final String LABEL = "gantry.engine";

  private EngineIdentity() {}

  /** @throws IllegalStateException when the marker volume exists without the label */
  static String of(DockerClient client, String dockerHost) {
    client.createVolumeCmd().withName(VOLUME).withLabels(Map.of(LABEL, UUID.randomUUID().toString())).exec();
    InspectVolumeResponse volume = client.inspectVolumeCmd(VOLUME).exec();
    String id = volume.getLabels() == null ? null : volume.getLabels().get(LABEL);
    if (id == null || id.isBlank()) {
      throw new IllegalStateException("the volume " + VOLUME + " of the Docker engine at " + dockerHost + " has no label "
          + LABEL + ": it was not made by Gantry; remove it (docker volume rm " + VOLUME + ") so that Gantry can mark the engine");
    }
    return id;
  }
}
