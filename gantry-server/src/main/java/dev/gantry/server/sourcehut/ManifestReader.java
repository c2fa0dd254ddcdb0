package dev.gantry.server.sourcehut;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobDocuments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a build manifest (YAML) with sourcehut's rules; every problem is an
 * {@link InvalidJobException} on the field {@code manifest} whose reason names the manifest's key.
 * Keys sourcehut does not know are refused, so a typo is not silently ignored.
 */
final class ManifestReader {

  static final int MAX_CHARS = 16384;
  private static final Pattern TASK_NAME = Pattern.compile("[a-z0-9_-]{1,128}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,255}");
  private static final Pattern REPOSITORY_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Set<String> KEYS = Set.of("image", "arch", "packages", "repositories", "sources", "environment",
      "secrets", "oauth", "tasks", "artifacts", "triggers", "shell");
  private static final int MAX_ITEMS = 256;

  private ManifestReader() {}

  static Manifest read(String text) {
    if (text.length() >= MAX_CHARS) {
      throw new InvalidJobException("manifest", "Manifest must be less than " + MAX_CHARS + " bytes");
    }
    if (text.indexOf('\0') >= 0) {
      throw new InvalidJobException("manifest", "must not contain a NUL character (U+0000)");
    }
    JsonNode root;
    try {
      root = JobDocuments.parse(text, JobDocuments.Format.YAML);
    } catch (InvalidJobException e) {
      throw new InvalidJobException("manifest", e.getMessage());
    }
    if (!root.isObject()) {
      throw bad("", "a manifest is a YAML mapping (image, tasks, ...)");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw bad(Echo.of(name), "unknown key (known: image, arch, packages, repositories, sources, environment, secrets,"
            + " oauth, tasks, artifacts, triggers, shell)");
      }
    }
    if (root.has("oauth") && !root.get("oauth").isNull()) {
      throw bad("oauth", "OAuth tokens for builds are not available on this server yet");
    }
    String image = text(root, "image");
    if (image == null || image.isBlank()) {
      throw bad("image", "is required");
    }
    boolean shell = root.path("shell").asBoolean(false);
    if (root.has("shell") && !root.get("shell").isBoolean()) {
      throw bad("shell", "must be true or false");
    }
    List<Manifest.Task> tasks = tasks(root.path("tasks"));
    if (tasks.isEmpty() && !shell) {
      throw bad("tasks", "a manifest needs at least one task (or shell: true)");
    }
    Map<String, String> environment = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    environment(root.path("environment"), environment, lists);
    return new Manifest(image, strings(root, "packages"), repositories(root.path("repositories")), strings(root, "sources"),
        environment, lists, secrets(root), tasks, strings(root, "artifacts"), TriggerReader.read(root.path("triggers"), "triggers"), shell);
  }

  private static List<Manifest.Task> tasks(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad("tasks", "must be a list of single-key maps, e.g. [{build: make}]");
    }
    atMost("tasks", node.size());
    List<Manifest.Task> tasks = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode task = node.get(i);
      String at = "tasks[" + i + "]";
      if (!task.isObject() || task.size() != 1) {
        throw bad(at, "must be a map with one key, the task's name, e.g. {build: make}");
      }
      String name = task.fieldNames().next();
      if (!TASK_NAME.matcher(name).matches()) {
        throw bad(at, "task name '" + Echo.of(name) + "' must be 1 to 128 of a-z, 0-9, '_' or '-'");
      }
      if (!seen.add(name)) {
        throw bad(at, "duplicate task name '" + name + "'");
      }
      JsonNode script = task.get(name);
      if (!script.isTextual()) {
        throw bad(at + "." + name, "the task's script must be text");
      }
      tasks.add(new Manifest.Task(name, script.asText()));
    }
    return tasks;
  }

  private static void environment(JsonNode node, Map<String, String> environment, Map<String, List<String>> lists) {
    if (node.isMissingNode() || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      throw bad("environment", "must be a map of names to values");
    }
    atMost("environment", node.size());
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      String at = "environment." + Echo.of(name);
      if (!ENV_NAME.matcher(name).matches()) {
        throw bad(at, "not a variable name (a letter or '_', then letters, digits or '_')");
      }
      JsonNode value = field.getValue();
      if (value.isArray()) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
          items.add(scalar(at + "[" + i + "]", value.get(i)));
        }
        lists.put(name, items);
      } else {
        environment.put(name, scalar(at, value));
      }
    }
  }

  /** Strings, booleans and numbers as written; null as empty text, as sourcehut writes it. */
  private static String scalar(String at, JsonNode value) {
    if (value.isNull()) {
      return "";
    }
    if (!value.isValueNode()) {
      throw bad(at, "must be text, a number, a boolean or null");
    }
    return value.asText();
  }

  private static Map<String, String> repositories(JsonNode node) {
    Map<String, String> repositories = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return repositories;
    }
    if (!node.isObject()) {
      throw bad("repositories", "must be a map of names to repository lines");
    }
    atMost("repositories", node.size());
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!REPOSITORY_NAME.matcher(field.getKey()).matches()) {
        throw bad("repositories." + Echo.of(field.getKey()), "a name is 1 to 64 letters, digits, '.', '_' or '-'");
      }
      if (!field.getValue().isTextual()) {
        throw bad("repositories." + field.getKey(), "must be text");
      }
      repositories.put(field.getKey(), oneLine("repositories." + field.getKey(), field.getValue().asText()));
    }
    return repositories;
  }

  private static List<String> secrets(JsonNode root) {
    List<String> secrets = strings(root, "secrets");
    for (int i = 0; i < secrets.size(); i++) {
      if (secrets.get(i).length() < 3 || secrets.get(i).length() > 512) {
        throw bad("secrets[" + i + "]", "a secret is named by its uuid or name, 3 to 512 characters");
      }
    }
    return secrets;
  }

  private static List<String> strings(JsonNode root, String key) {
    JsonNode node = root.path(key);
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad(key, "must be a list of text");
    }
    atMost(key, node.size());
    List<String> items = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
        throw bad(key + "[" + i + "]", "must be non-empty text");
      }
      items.add(oneLine(key + "[" + i + "]", node.get(i).asText()));
    }
    return items;
  }

  private static String text(JsonNode node, String key) {
    return text(node, key, "");
  }

  static String text(JsonNode node, String key, String at) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    String path = at.isEmpty() ? key : at + "." + key;
    if (!value.isTextual()) {
      throw bad(path, "must be text");
    }
    return oneLine(path, value.asText());
  }

  private static String oneLine(String at, String value) {
    if (value.contains("\n") || value.contains("\r")) {
      throw bad(at, "must be one line");
    }
    return value;
  }

  static void atMost(String at, int size) {
    if (size > MAX_ITEMS) {
      throw bad(at, "at most " + MAX_ITEMS + " entries are allowed, not " + size);
    }
  }

  static InvalidJobException bad(String at, String reason) {
    return new InvalidJobException("manifest", at.isEmpty() ? reason : at + ": " + reason);
  }
}
