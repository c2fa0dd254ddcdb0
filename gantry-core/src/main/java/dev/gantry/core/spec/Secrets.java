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

  public static boolean hasReference(String text) {
    return text != null && text.contains(OPEN);
  }

  /** The task with each reference in its env, cmd and entrypoint replaced by the secret's value. */
  public static TaskSpec reveal(TaskSpec task, Map<String, String> secrets) {
    if (secrets.isEmpty()) {
      return task;
    }
    Map<String, String> env = new LinkedHashMap<>();
    task.env().forEach((name, value) -> env.put(name, reveal(value, secrets)));
    TaskSpec revealed = task.withTexts(task.name(), task.image(), task.queue(), env, revealAll(task.cmd(), secrets),
        revealAll(task.entrypoint(), secrets), task.condition());
    if (task.pre().isEmpty() && task.post().isEmpty()) {
      return revealed;
    }
    return revealed.withAround(task.pre().stream().map(t -> reveal(t, secrets)).toList(),
        task.post().stream().map(t -> reveal(t, secrets)).toList());
  }

  /** {@code text} with each reference replaced by the secret's value: a sub-job's secret taken from its parent's. */
  public static String revealText(String text, Map<String, String> secrets) {
    return text == null || secrets.isEmpty() ? text : reveal(text, secrets);
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
