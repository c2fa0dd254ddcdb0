package dev.gantry.core.spec;

import java.util.List;

/**
 * What a task's container gets beyond its script: {@code mounts}, existing Docker {@code networks}
 * to join, {@code registry} credentials for its image (null: none), {@code gpus} in Docker's
 * {@code --gpus} syntax (null: none; see {@link GpuRequest}), {@code sidecars}, and {@code privileged}:
 * the container runs privileged (Daestro's definitions; only where the operator allows it, see
 * {@link HostAccessPolicy}).
 */
public record TaskAttachments(List<TaskMount> mounts, List<String> networks, RegistryAuth registry, String gpus,
    List<Sidecar> sidecars, boolean privileged) {

  public static final TaskAttachments NONE = new TaskAttachments(List.of(), List.of(), null, null, List.of());

  public TaskAttachments {
    mounts = mounts == null ? List.of() : List.copyOf(mounts);
    networks = networks == null ? List.of() : List.copyOf(networks);
    sidecars = sidecars == null ? List.of() : List.copyOf(sidecars);
  }

  /** Attachments of a container that is not privileged. */
  public TaskAttachments(List<TaskMount> mounts, List<String> networks, RegistryAuth registry, String gpus,
      List<Sidecar> sidecars) {
    this(mounts, networks, registry, gpus, sidecars, false);
  }

  public TaskAttachments withRegistry(RegistryAuth newRegistry) {
    return new TaskAttachments(mounts, networks, newRegistry, gpus, sidecars, privileged);
  }

  /** These attachments for a container that runs privileged, or not. */
  public TaskAttachments withPrivileged(boolean newPrivileged) {
    return new TaskAttachments(mounts, networks, registry, gpus, sidecars, newPrivileged);
  }

  public boolean isEmpty() {
    return mounts.isEmpty() && networks.isEmpty() && registry == null && gpus == null && sidecars.isEmpty()
        && !privileged;
  }
}
