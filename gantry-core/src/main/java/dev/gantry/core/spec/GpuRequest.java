package dev.gantry.core.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A task's GPUs in Docker's {@code --gpus} syntax, as the engine's device request: {@code all}, a
 * count ({@code 2}), or comma-separated {@code count=}, {@code device=}, {@code capabilities=} and
 * {@code driver=} fields ({@code device=0,1}, {@code count=2,capabilities=compute;utility}). As in
 * Docker, a field may be quoted ({@code "device=0,1"}); unlike Docker's CSV reading, an unquoted
 * list goes on until the next {@code key=}. {@code count} -1 means all; the capabilities always
 * include {@code gpu}.
 */
public record GpuRequest(int count, List<String> deviceIds, List<String> capabilities, String driver) {

  public static final int ALL = -1;
  private static final int MAX_TEXT = 256;

  public GpuRequest {
    deviceIds = List.copyOf(deviceIds);
    capabilities = List.copyOf(capabilities);
  }

  /** @throws IllegalArgumentException saying what is wrong with {@code text} */
  public static GpuRequest parse(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
      throw new IllegalArgumentException("must be 1 to " + MAX_TEXT + " characters of Docker's --gpus syntax"
          + " (all, 2, device=0,1 or count=2,capabilities=compute)");
    }
    Integer count = null;
    List<String> devices = null;
    List<String> capabilities = null;
    String driver = null;
    List<String> continuing = null;
    Set<String> seen = new HashSet<>();
    for (String field : fields(text)) {
      int eq = field.indexOf('=');
      if (eq < 0) {
        if (continuing != null) {
          continuing.add(value(field, "a device id or capability"));
          continue;
        }
        once(seen, "count");
        count = count(field);
        continue;
      }
      String key = field.substring(0, eq).trim();
      String value = field.substring(eq + 1).trim();
      once(seen, key);
      continuing = null;
      switch (key) {
        case "count" -> count = count(value);
        case "driver" -> driver = value(value, "a driver name");
        case "device" -> continuing = devices = split(value);
        case "capabilities" -> continuing = capabilities = split(value);
        default -> throw new IllegalArgumentException("unexpected key '" + Echo.of(key)
            + "' (count, device, capabilities or driver)");
      }
    }
    List<String> caps = capabilities == null ? new ArrayList<>() : new ArrayList<>(capabilities);
    if (!caps.contains("gpu")) {
      caps.add("gpu");
    }
    int n = count != null ? count : devices != null ? 0 : 1;
    return new GpuRequest(n, devices == null ? List.of() : devices, caps, driver);
  }

  private static void once(Set<String> seen, String key) {
    if (!seen.add(key)) {
      throw new IllegalArgumentException("'" + Echo.of(key) + "' can be given only once");
    }
  }

  private static int count(String text) {
    String t = text.trim();
    if (t.equals("all")) {
      return ALL;
    }
    if (t.matches("\\d{1,3}") && Integer.parseInt(t) > 0) {
      return Integer.parseInt(t);
    }
    throw new IllegalArgumentException("'" + Echo.of(t) + "' is not a GPU count (all or 1 to 999)");
  }

  private static List<String> split(String value) {
    List<String> out = new ArrayList<>();
    for (String part : value.split("[,;]", -1)) {
      out.add(value(part, "a device id or capability"));
    }
    return out;
  }

  private static String value(String text, String what) {
    String t = text.trim();
    if (!t.matches("[A-Za-z0-9_.:-]{1,64}")) {
      throw new IllegalArgumentException("'" + Echo.of(t) + "' is not " + what);
    }
    return t;
  }

  /** Splits on commas outside double quotes, as Docker's CSV reading does. */
  private static List<String> fields(String text) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quote is not closed");
    }
    fields.add(field.toString());
    return fields;
  }
}
