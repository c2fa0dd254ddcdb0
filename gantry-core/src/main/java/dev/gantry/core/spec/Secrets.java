package dev.gantry.core.spec;

import dev.gantry.core.expr.Sealed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's secrets: values templates may place into a task's env, cmd and entrypoint, and which
 * nothing shows. Templates never see a value: {@code secrets.x} is a reference (a {@link Sealed}
 * value) that the evaluated task keeps, and the worker puts the value in place of it right before
 * the container starts ({@link #reveal}), so the values are stored in one place only, the job's
 * (the store's {@code jobs.secrets} column). What a task prints, its result and its error have
 * every value masked ({@link #mask}) before they are stored.
 */
public final class Secrets {

  public static final String REDACTED = "[REDACTED]";
  /** The secrets that hold registry passwords; a template cannot name them ({@code secrets.x} takes a plain name). */
  public static final String REGISTRY_PREFIX = "gantry.registry.tasks.";
  // U+0001 cannot come from YAML or JSON text without an escape, and is dropped before a container sees it.
  private static final String OPEN = "\u0001secret:";
  private static final String CLOSE = "\u0001";

  private Secrets() {}

  /** What templates read as {@code secrets}: a reference per name, never the value. */
  public static Map<String, Object> references(Map<String, String> secrets) {
    Map<String, Object> references = new LinkedHashMap<>();
    secrets.keySet().forEach(name -> references.put(name, new Sealed(OPEN + name + CLOSE)));
    return references;
  }

  /** The text that stands for the secret {@code name} in an env value, cmd or entrypoint item until {@link #reveal}. */
  public static String reference(String name) {
    return OPEN + name + CLOSE;
  }

  public static boolean hasReference(String text) {
    return text != null && text.contains(OPEN);
  }

  /**
   * The task with each reference in its env, cmd, entrypoint and registry password replaced by the
   * secret's value.
   */
  public static TaskSpec reveal(TaskSpec task, Map<String, String> secrets) {
    if (secrets.isEmpty()) {
      return task;
    }
    Map<String, String> env = new LinkedHashMap<>();
    task.env().forEach((name, value) -> env.put(name, reveal(value, secrets)));
    TaskSpec revealed = task.withTexts(task.name(), task.image(), task.queue(), env, revealAll(task.cmd(), secrets),
        revealAll(task.entrypoint(), secrets), task.condition());
    RegistryAuth registry = task.attachments().registry();
    TaskSpec withRegistry = registry == null ? revealed : revealed.withAttachments(task.attachments()
        .withRegistry(revealed(registry, secrets)));
    TaskAttachments a = withRegistry.attachments();
    if (a.sidecars().stream().anyMatch(s -> s.registry() != null)) {
      withRegistry = withRegistry.withAttachments(new TaskAttachments(a.mounts(), a.networks(), a.registry(), a.gpus(),
          a.sidecars().stream().map(s -> s.registry() == null ? s : s.withRegistry(revealed(s.registry(), secrets)))
              .toList()));
    }
    if (task.pre().isEmpty() && task.post().isEmpty()) {
      return withRegistry;
    }
    return withRegistry.withAround(task.pre().stream().map(t -> reveal(t, secrets)).toList(),
        task.post().stream().map(t -> reveal(t, secrets)).toList());
  }

  private static RegistryAuth revealed(RegistryAuth registry, Map<String, String> secrets) {
    return new RegistryAuth(registry.username(), reveal(registry.password(), secrets));
  }

  /** {@code text} with each reference replaced by the secret's value: a sub-job's secret taken from its parent's. */
  public static String revealText(String text, Map<String, String> secrets) {
    return text == null || secrets.isEmpty() ? text : reveal(text, secrets);
  }

  /**
   * The job with the registry password of each task of its tree (nested in a parallel, an each or
   * a subjob included) moved into its secrets, named {@value #REGISTRY_PREFIX} and the task's place
   * ({@code 0}, {@code 1.parallel.0}, {@code 2.each}, {@code 3.subjob.1}), and a reference in its
   * place: the spec that is stored and shown never holds a password, and the value is masked in
   * logs like any secret. A sub-job gets these secrets from its parent ({@link #registryPasswords}).
   */
  public static JobSpec sealRegistryPasswords(JobSpec spec) {
    Map<String, String> secrets = new LinkedHashMap<>(spec.secrets());
    List<TaskSpec> tasks = RegistrySeal.sealed(spec.tasks(), "", secrets);
    if (secrets.size() == spec.secrets().size()) {
      return spec;
    }
    return spec.withTasksAndSecrets(tasks, secrets);
  }

  /** The registry passwords among {@code secrets}: what a sub-job's tasks reveal from its parent's. */
  public static Map<String, String> registryPasswords(Map<String, String> secrets) {
    Map<String, String> passwords = new LinkedHashMap<>();
    secrets.forEach((name, value) -> {
      if (name.startsWith(REGISTRY_PREFIX)) {
        passwords.put(name, value);
      }
    });
    return passwords;
  }

  /** {@code text} with every secret's value replaced by {@value #REDACTED}; the longest values first. */
  public static String mask(String text, Map<String, String> secrets) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String value : byLength(secrets)) {
      masked = masked.replace(value, REDACTED);
    }
    return masked;
  }

  /**
   * How many characters at the end of {@code text} could be the start of a secret's value printed
   * in pieces: a log writer holds them back until the rest arrives, so no value is stored half masked.
   */
  public static int unfinishedTail(CharSequence text, Map<String, String> secrets) {
    int longestValue = secrets.values().stream().mapToInt(String::length).max().orElse(0);
    int reach = Math.min(Math.max(0, longestValue - 1), text.length());
    String tail = text.subSequence(text.length() - reach, text.length()).toString();
    int longest = 0;
    for (String value : secrets.values()) {
      for (int n = Math.min(value.length() - 1, reach); n > longest; n--) {
        if (value.startsWith(tail.substring(reach - n))) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }

  private static List<String> byLength(Map<String, String> secrets) {
    List<String> values = new ArrayList<>();
    secrets.values().stream().filter(v -> !v.isEmpty()).forEach(values::add);
    values.sort(Comparator.comparingInt(String::length).reversed());
    return values;
  }

  private static String reveal(String text, Map<String, String> secrets) {
    if (!hasReference(text)) {
      return text;
    }
    String revealed = text;
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      revealed = revealed.replace(OPEN + secret.getKey() + CLOSE, secret.getValue());
    }
    return revealed;
  }

  private static List<String> revealAll(List<String> texts, Map<String, String> secrets) {
    return texts.stream().map(text -> reveal(text, secrets)).toList();
  }
}
