package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.gantry.core.spi.ReattachableContainer;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.core.spi.RuntimeResource.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds Gantry's containers, volumes and networks by their labels, so a sweeper can remove what a crash left. */
final class Leftovers {

  private static final Logger log = LoggerFactory.getLogger(Leftovers.class);

  private final DockerClient client;

  Leftovers(DockerClient client) {
    this.client = client;
  }

  /** Every labelled container (stopped ones too) and workspace volume on the engine. */
  List<RuntimeResource> list() {
    List<RuntimeResource> found = new ArrayList<>();
    for (Container c : client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(Labels.RUN)).exec()) {
      Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
      found.add(new RuntimeResource(Kind.CONTAINER, c.getId(), labels.get(Labels.JOB), labels.get(Labels.RUN)));
    }
    List<InspectVolumeResponse> volumes = client.listVolumesCmd().withFilter("label", List.of(Labels.JOB)).exec().getVolumes();
    for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
      Map<String, String> labels = v.getLabels() == null ? Map.of() : v.getLabels();
      String run = labels.get(Labels.RUN);
      found.add(new RuntimeResource(run == null ? Kind.WORKSPACE : Kind.VOLUME, v.getName(), labels.get(Labels.JOB), run));
    }
    for (Network n : client.listNetworksCmd().withFilter("label", List.of(Labels.RUN)).exec()) {
      Map<String, String> labels = n.getLabels() == null ? Map.of() : n.getLabels();
      found.add(new RuntimeResource(Kind.NETWORK, n.getId(), labels.get(Labels.JOB), labels.get(Labels.RUN)));
    }
    return found;
  }

  /** The task containers (running or stopped, sidecars not) that a worker of {@code nodeId} made. */
  List<ReattachableContainer> ofNode(String nodeId) {
    List<ReattachableContainer> found = new ArrayList<>();
    for (Container c : client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.NODE, nodeId)).exec()) {
      Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
      if (labels.get(Labels.RUN) == null || labels.get(Labels.JOB) == null || labels.containsKey(Labels.SIDECAR)) {
        continue;
      }
      if ("created".equals(c.getState())) {
        // Made but never started (the process died before its start): nothing ran, and an engine's wait on
        // it would answer at once with exit code 0. Its run is handed back when its lease ends and runs then.
        continue;
      }
      found.add(new ReattachableContainer(labels.get(Labels.JOB), labels.get(Labels.RUN), labels.get(Labels.STEP), c.getId(),
          Labels.logStart(labels.get(Labels.LOG_START))));
    }
    return found;
  }

  /** Force-removes a container or removes a volume; one already gone is fine. */
  void remove(RuntimeResource resource) {
    try {
      switch (resource.kind()) {
        case CONTAINER -> client.removeContainerCmd(resource.id()).withForce(true).exec();
        case WORKSPACE, VOLUME -> client.removeVolumeCmd(resource.id()).exec();
        case NETWORK -> client.removeNetworkCmd(resource.id()).exec();
      }
    } catch (NotFoundException gone) {
      // removed meanwhile
    } catch (ConflictException inUse) {
      log.warn("{} {} is still in use, trying again next round: {}", resource.kind().name().toLowerCase(),
          resource.id(), EngineErrors.reason(inUse));
    }
  }
}
