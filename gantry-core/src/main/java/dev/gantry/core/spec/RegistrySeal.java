package dev.gantry.core.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks a job's tree for {@link Secrets#sealRegistryPasswords}: every task that pulls with a
 * registry password, at any depth (a parallel's tasks, an each's task, a subjob's tasks), gets a
 * reference in its place and the value goes into the job's secrets under the task's place.
 */
final class RegistrySeal {

  private RegistrySeal() {}

  /** {@code tasks} sealed; {@code prefix} is their place ("" at the top, "1.parallel." below). */
  static List<TaskSpec> sealed(List<TaskSpec> tasks, String prefix, Map<String, String> secrets) {
    List<TaskSpec> out = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      out.add(sealed(tasks.get(i), prefix + i, secrets));
    }
    return out;
  }

  private static TaskSpec sealed(TaskSpec task, String place, Map<String, String> secrets) {
    TaskSpec out = task;
    RegistryAuth registry = task.attachments().registry();
    if (registry != null && !Secrets.hasReference(registry.password())) {
      out = out.withAttachments(task.attachments().withRegistry(sealed(registry, place, secrets)));
    }
    List<Sidecar> sidecars = out.attachments().sidecars();
    if (sidecars.stream().anyMatch(s -> s.registry() != null && !Secrets.hasReference(s.registry().password()))) {
      List<Sidecar> sealedSidecars = new ArrayList<>();
      for (int i = 0; i < sidecars.size(); i++) {
        Sidecar sidecar = sidecars.get(i);
        boolean open = sidecar.registry() != null && !Secrets.hasReference(sidecar.registry().password());
        sealedSidecars.add(open ? sidecar.withRegistry(sealed(sidecar.registry(), place + ".sidecars." + i, secrets))
            : sidecar);
      }
      TaskAttachments a = out.attachments();
      out = out.withAttachments(new TaskAttachments(a.mounts(), a.networks(), a.registry(), a.gpus(), sealedSidecars));
    }
    if (!task.pre().isEmpty() || !task.post().isEmpty()) {
      out = out.withAround(sealed(task.pre(), place + ".pre.", secrets), sealed(task.post(), place + ".post.", secrets));
    }
    if (task.parallel() != null) {
      out = out.withComposite(new ParallelSpec(sealed(task.parallel().tasks(), place + ".parallel.", secrets)), null, null);
    } else if (task.each() != null) {
      EachSpec each = task.each();
      out = out.withComposite(null,
          new EachSpec(each.var(), each.list(), sealed(each.task(), place + ".each", secrets), each.concurrency()), null);
    } else if (task.subjob() != null) {
      SubjobSpec s = task.subjob();
      out = out.withComposite(null, null, new SubjobSpec(s.name(), s.description(),
          sealed(s.tasks(), place + ".subjob.", secrets), s.inputs(), s.secrets(), s.output(), s.detached(), s.webhooks()));
    }
    return out;
  }

  /** The password moved into {@code secrets} under the place's name, a reference left in its stead. */
  private static RegistryAuth sealed(RegistryAuth registry, String place, Map<String, String> secrets) {
    String name = Secrets.REGISTRY_PREFIX + place;
    secrets.put(name, registry.password());
    return new RegistryAuth(registry.username(), Secrets.reference(name));
  }
}
