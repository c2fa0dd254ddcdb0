package dev.gantry.core.definition;

import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.SpecNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Daestro's environment, {@code {NAME: {"value": "...", "sensitive": true}}}, read into the plain
 * values and the sensitive ones, which are kept apart.
 */
public record EnvEntries(Map<String, String> plain, Map<String, String> sensitive) {

  private static final Set<String> FIELDS = Set.of("value", "sensitive");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,255}");
  private static final int MAX_ENTRIES = 256;
  private static final int MAX_VALUE = 64 * 1024;

  public EnvEntries {
    plain = Map.copyOf(plain);
    sensitive = Map.copyOf(sensitive);
  }

  /** {@code parent}'s field {@code field}; none when it is absent. */
  public static EnvEntries read(SpecNode parent, String field) {
    SpecNode env = parent.object(field);
    Map<String, String> plain = new LinkedHashMap<>();
    Map<String, String> sensitive = new LinkedHashMap<>();
    if (env == null) {
      return new EnvEntries(plain, sensitive);
    }
    if (env.fieldNames().size() > MAX_ENTRIES) {
      throw parent.invalid(field, "at most " + MAX_ENTRIES + " variables are allowed");
    }
    for (String name : env.fieldNames()) {
      if (!NAME.matcher(name).matches()) {
        throw parent.invalid(field, "'" + Echo.of(name)
            + "' is not a variable name (a letter or '_', then letters, digits or '_')");
      }
      SpecNode entry = env.object(name);
      if (entry == null) {
        throw env.invalid(name, "must be an object such as {\"value\": \"...\", \"sensitive\": false}");
      }
      entry.onlyFields(FIELDS, Set.of());
      String value = entry.text("value");
      if (value == null) {
        throw entry.invalid("value", "is required");
      }
      if (value.length() > MAX_VALUE || value.indexOf('\u0000') >= 0 || value.indexOf('\u0001') >= 0) {
        throw entry.invalid("value", "must be at most " + MAX_VALUE + " characters, without NUL or U+0001");
      }
      Boolean secret = entry.bool("sensitive");
      (Boolean.TRUE.equals(secret) ? sensitive : plain).put(name, value);
    }
    return new EnvEntries(plain, sensitive);
  }
}
