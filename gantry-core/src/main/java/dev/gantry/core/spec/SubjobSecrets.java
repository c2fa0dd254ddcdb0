package dev.gantry.core.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a sub-job's secret values with the job's own secrets, the one place a store keeps (and
 * will encrypt) secrets: each value written in a {@code subjob.secrets} moves into the job's
 * {@code secrets} under a name of its own ({@code _subjob_0_token} for {@code token} of the subjob
 * at {@code tasks[0]}), and the sub-job's entry becomes a template reading it. Nothing in the
 * job's spec then holds a secret's value.
 */
final class SubjobSecrets {

  private static final String PREFIX = "_subjob_";

  private SubjobSecrets() {}

  static JobSpec hoisted(JobSpec spec) {
    Map<String, String> secrets = new LinkedHashMap<>(spec.secrets());
    List<TaskSpec> tasks = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < spec.tasks().size(); i++) {
      TaskSpec task = hoisted(spec.tasks().get(i), PREFIX + i, secrets);
      changed |= task != spec.tasks().get(i);
      tasks.add(task);
    }
    if (!changed) {
      return spec;
    }
    return spec.withTasksAndSecrets(tasks, secrets);
  }

  private static TaskSpec hoisted(TaskSpec task, String key, Map<String, String> secrets) {
    if (task.parallel() != null) {
      List<TaskSpec> children = new ArrayList<>();
      boolean changed = false;
      for (int i = 0; i < task.parallel().tasks().size(); i++) {
        TaskSpec child = hoisted(task.parallel().tasks().get(i), key + "_" + i, secrets);
        changed |= child != task.parallel().tasks().get(i);
        children.add(child);
      }
      return changed ? with(task, new ParallelSpec(children), task.each(), task.subjob()) : task;
    }
    if (task.each() != null) {
      TaskSpec child = hoisted(task.each().task(), key + "_each", secrets);
      EachSpec each = task.each();
      return child == each.task() ? task
          : with(task, null, new EachSpec(each.var(), each.list(), child, each.concurrency()), null);
    }
    if (task.subjob() == null || task.subjob().secrets().isEmpty()) {
      return task;
    }
    SubjobSpec subjob = task.subjob();
    Map<String, String> references = new LinkedHashMap<>();
    subjob.secrets().forEach((name, value) -> {
      if (value.contains("{{")) {
        references.put(name, value); // a template: it reads the job's secrets already
      } else {
        String hoistedName = key + "_" + name;
        secrets.put(hoistedName, value);
        references.put(name, "{{ secrets." + hoistedName + " }}");
      }
    });
    return with(task, null, null, new SubjobSpec(subjob.name(), subjob.description(), subjob.tasks(), subjob.inputs(),
        references, subjob.output(), subjob.detached(), subjob.webhooks()));
  }

  private static TaskSpec with(TaskSpec t, ParallelSpec parallel, EachSpec each, SubjobSpec subjob) {
    return t.withComposite(parallel, each, subjob);
  }
}
