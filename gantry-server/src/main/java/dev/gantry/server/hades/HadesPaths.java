package dev.gantry.server.hades;

import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.SpecNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the field paths of Gantry's own validation ({@code tasks[0].limits.memory}) into the
 * request's ({@code steps[2].memory_limit}), so that a Hades client reads its own field names.
 */
final class HadesPaths {

  private static final Pattern TASK = Pattern.compile("^tasks\\[(\\d+)]");
  private static final Map<String, String> FIELDS = Map.of(
      "limits.memory", "memory_limit",
      "limits.cpus", "cpu_limit",
      "limits.memorySwap", "memory_swap",
      "limits.pids", "pids_limit",
      "run", "script",
      "env", "metadata",
      "timeout", "timeout_seconds",
      "callbackUrl", "callback_url");

  private HadesPaths() {}

  /** {@code steps} in id order: task i came from {@code steps.get(i)}. */
  static InvalidJobException translated(InvalidJobException e, List<SpecNode> steps) {
    String field = e.field() == null ? "" : e.field();
    String reason = field.isEmpty() ? e.getMessage() : e.getMessage().substring(field.length() + 2);
    String prefix = "";
    Matcher task = TASK.matcher(field);
    if (task.find()) {
      int index = Integer.parseInt(task.group(1));
      prefix = index < steps.size() ? steps.get(index).path() : "steps[" + index + "]";
      field = field.substring(task.end());
      field = field.startsWith(".") ? field.substring(1) : field;
    }
    for (Map.Entry<String, String> rename : FIELDS.entrySet()) {
      if (field.equals(rename.getKey()) || field.startsWith(rename.getKey() + ".")) {
        field = rename.getValue() + field.substring(rename.getKey().length());
        break;
      }
    }
    String path = prefix.isEmpty() ? field : field.isEmpty() ? prefix : prefix + "." + field;
    return new InvalidJobException(path, reason);
  }
}
