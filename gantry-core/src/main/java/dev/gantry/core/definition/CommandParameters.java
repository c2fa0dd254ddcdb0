package dev.gantry.core.definition;

import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.InvalidJobException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Daestro's command parameters: each command item {@code Param::<key>} is replaced by the
 * submit's value for the key, else the definition's default; a key with neither is an error
 * naming it. Other items are taken as written.
 */
public final class CommandParameters {

  public static final String PREFIX = "Param::";

  private CommandParameters() {}

  /** {@code field}: what an error names, e.g. {@code container_cmd_parameter}. */
  public static List<String> fill(List<String> command, Map<String, String> given, Map<String, String> defaults, String field) {
    List<String> filled = new ArrayList<>(command.size());
    for (String item : command) {
      if (!item.startsWith(PREFIX)) {
        filled.add(item);
        continue;
      }
      String key = item.substring(PREFIX.length());
      String value = given.containsKey(key) ? given.get(key) : defaults.get(key);
      if (value == null) {
        throw new InvalidJobException(field, "no value for Param::" + Echo.of(key)
            + " (give it in container_cmd_parameter or as a default of the job definition)");
      }
      filled.add(value);
    }
    return filled;
  }
}
