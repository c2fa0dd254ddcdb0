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
      String name = Secrets.REGISTRY_PREFIX + place;
      secrets.put(name, registry.password());
      out = out.withAttachments(task.attachments()
          .withRegistry(new RegistryAuth(registry.username(), Secrets.reference(name))));
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
}
