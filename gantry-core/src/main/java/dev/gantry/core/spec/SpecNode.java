package dev.gantry.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A node of a submitted document together with its path ({@code tasks[1].env}), so that every
 * validation error names the field it is about. Dialect readers are written against this.
 */
public final class SpecNode {

  private final JsonNode node;
  private final String path;

  private SpecNode(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  /** The document's root, which must be an object. */
  public static SpecNode root(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidJobException("", "the document must be an object, not " + kind(node));
    }
    return new SpecNode(node, "");
  }

  public String path() {
    return path;
  }

  public InvalidJobException invalid(String reason) {
    return new InvalidJobException(path, reason);
  }

  public InvalidJobException invalid(String field, String reason) {
    return new InvalidJobException(childPath(field), reason);
  }

  /** Rejects fields outside {@code allowed}; those in {@code unsupported} get a message saying so. */
  public void onlyFields(Set<String> allowed, Set<String> unsupported) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (unsupported.contains(name)) {
        throw invalid(name, "is not supported by Gantry yet");
      }
      if (!allowed.contains(name)) {
        throw invalid(name, "unknown field");
      }
    }
  }

  /** The paths of this object's fields outside {@code allowed}, in document order: for dialects that report them all. */
  public List<String> unknownFields(Set<String> allowed) {
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        unknown.add(childPath(name));
      }
    }
    return unknown;
  }

  /** The names of this object's fields, in document order. */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The path of a field of this object. */
  public String pathOf(String field) {
    return childPath(field);
  }

  public boolean has(String field) {
    JsonNode child = node.get(field);
    return child != null && !child.isNull();
  }

  /** A scalar field as text (numbers and booleans as written), or null when absent. */
  public String text(String field) {
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      return null;
    }
    if (!child.isValueNode()) {
      throw invalid(field, "must be a string, not " + kind(child));
    }
    return child.asText();
  }

  public String requiredText(String field) {
    String value = text(field);
    if (value == null || value.isBlank()) {
      throw invalid(field, "is required");
    }
    return value;
  }

  public Integer integer(String field) {
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      return null;
    }
    if (child.isIntegralNumber() && child.canConvertToInt()) {
      return child.intValue();
    }
    if (child.isTextual() && child.asText().matches("-?\\d{1,9}")) {
      return Integer.parseInt(child.asText());
    }
    throw invalid(field, "must be a whole number");
  }

  public Boolean bool(String field) {
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      return null;
    }
    if (child.isBoolean()) {
      return child.booleanValue();
    }
    throw invalid(field, "must be true or false");
  }

  /** A field parsed by {@code parser}; its IllegalArgumentException becomes an error naming the field. */
  public <T> T parsed(String field, Function<String, T> parser) {
    String value = text(field);
    if (value == null) {
      return null;
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw invalid(field, e.getMessage());
    }
  }

  public List<String> stringList(String field) {
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      return List.of();
    }
    if (!child.isArray()) {
      throw invalid(field, "must be a list of strings, not " + kind(child));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < child.size(); i++) {
      if (!child.get(i).isValueNode() || child.get(i).isNull()) {
        throw new InvalidJobException(childPath(field) + "[" + i + "]", "must be a string");
      }
      out.add(child.get(i).asText());
    }
    return out;
  }

  /** A map of strings; scalar values (numbers, booleans) are taken as written. */
  public Map<String, String> stringMap(String field) {
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      return Map.of();
    }
    if (!child.isObject()) {
      throw invalid(field, "must be a map of names to strings, not " + kind(child));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = child.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode()) {
        throw new InvalidJobException(childPath(field) + "." + e.getKey(), "must be a string, not " + kind(e.getValue()));
      }
      out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
    }
    return out;
  }

  public SpecNode object(String field) {
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      return null;
    }
    if (!child.isObject()) {
      throw invalid(field, "must be an object, not " + kind(child));
    }
    return new SpecNode(child, childPath(field));
  }

  public List<SpecNode> objects(String field) {
    JsonNode child = node.get(field);
    if (child == null || child.isNull()) {
      return List.of();
    }
    if (!child.isArray()) {
      throw invalid(field, "must be a list, not " + kind(child));
    }
    List<SpecNode> out = new ArrayList<>();
    for (int i = 0; i < child.size(); i++) {
      String itemPath = childPath(field) + "[" + i + "]";
      if (!child.get(i).isObject()) {
        throw new InvalidJobException(itemPath, "must be an object, not " + kind(child.get(i)));
      }
      out.add(new SpecNode(child.get(i), itemPath));
    }
    return out;
  }

  private String childPath(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) return "an object";
    if (node.isArray()) return "a list";
    if (node.isNull()) return "null";
    if (node.isNumber()) return "a number";
    if (node.isBoolean()) return "a boolean";
    return "a string";
  }
}
