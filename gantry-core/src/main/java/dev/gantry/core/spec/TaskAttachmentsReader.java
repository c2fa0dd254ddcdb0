package dev.gantry.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a Tork task's {@code mounts}, {@code volumes}, {@code networks}, {@code registry}, {@code gpus} and {@code sidecars}. */
final class TaskAttachmentsReader {

  static final Set<String> FIELDS = Set.of("mounts", "volumes", "networks", "registry", "gpus", "sidecars");
  private static final Set<String> MOUNT_FIELDS = Set.of("type", "source", "target", "readonly");
  private static final Set<String> REGISTRY_FIELDS = Set.of("username", "password");
  private static final Set<String> SIDECAR_FIELDS = Set.of("name", "image", "run", "cmd", "entrypoint", "env", "probe",
      "registry");
  private static final Set<String> PROBE_FIELDS = Set.of("path", "port", "timeout");

  private TaskAttachmentsReader() {}

  static TaskAttachments read(SpecNode task) {
    List<TaskMount> mounts = new ArrayList<>();
    List<SpecNode> mountNodes = task.objects("mounts");
    AttachmentRules.atMost(task.pathOf("mounts"), mountNodes.size(), AttachmentRules.MAX_MOUNTS, "mounts");
    for (SpecNode mount : mountNodes) {
      mount.onlyFields(MOUNT_FIELDS, Set.of("opts"));
      TaskMount.Type type = mount.has("type") ? mount.parsed("type", TaskMount.Type::parse) : null;
      if (type == null) {
        throw mount.invalid("type", "is required (volume, bind or tmpfs)");
      }
      Boolean readonly = mount.bool("readonly");
      mounts.add(new TaskMount(type, mount.text("source"), mount.text("target"), readonly != null && readonly));
    }
    List<String> volumes = task.stringList("volumes");
    AttachmentRules.atMost(task.pathOf("volumes"), volumes.size(), AttachmentRules.MAX_MOUNTS, "volumes");
    volumes.forEach(target -> mounts.add(TaskMount.volume(target)));
    List<Sidecar> sidecars = new ArrayList<>();
    List<SpecNode> sidecarNodes = task.objects("sidecars");
    AttachmentRules.atMost(task.pathOf("sidecars"), sidecarNodes.size(), AttachmentRules.MAX_SIDECARS, "sidecars");
    for (SpecNode sidecar : sidecarNodes) {
      sidecar.onlyFields(SIDECAR_FIELDS, Set.of());
      sidecars.add(new Sidecar(sidecar.requiredText("name"), sidecar.requiredText("image"), sidecar.text("run"),
          sidecar.stringList("cmd"), sidecar.stringList("entrypoint"), sidecar.stringMap("env"),
          probe(sidecar.object("probe")), registry(sidecar.object("registry"))));
    }
    return new TaskAttachments(mounts, task.stringList("networks"), registry(task.object("registry")), task.text("gpus"),
        sidecars);
  }

  private static SidecarProbe probe(SpecNode probe) {
    if (probe == null) {
      return null;
    }
    probe.onlyFields(PROBE_FIELDS, Set.of());
    Integer port = probe.integer("port");
    if (port == null) {
      throw probe.invalid("port", "is required (the port the sidecar answers HTTP on)");
    }
    return new SidecarProbe(probe.text("path"), port, probe.parsed("timeout", Durations::parse));
  }

  /** A task's (or a pre/post task's, or a sidecar's) {@code registry: {username, password}}; null when absent. */
  static RegistryAuth registry(SpecNode registry) {
    if (registry == null) {
      return null;
    }
    registry.onlyFields(REGISTRY_FIELDS, Set.of());
    return new RegistryAuth(registry.requiredText("username"), registry.requiredText("password"));
  }
}
