package dev.gantry.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against a schema of the OpenAPI document: the part of JSON Schema the
 * document uses ({@code $ref}, {@code type} (one or several), {@code properties}, {@code required},
 * {@code additionalProperties} (false or a schema), {@code items}, {@code enum}, {@code minimum},
 * {@code maximum}). A keyword it does not know fails the check, so the document cannot use one
 * that nothing verifies.
 */
final class SchemaCheck {

  private static final List<String> KNOWN = List.of("$ref", "type", "properties", "required", "additionalProperties",
      "items", "enum", "minimum", "maximum", "format", "description", "examples", "anyOf");

  private final JsonNode document;

  SchemaCheck(JsonNode document) {
    this.document = document;
  }

  /** Every way {@code value} differs from {@code schema}, each naming where; empty when it conforms. */
  List<String> problems(JsonNode schema, JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(schema, value, "$", problems);
    return problems;
  }

  private void check(JsonNode schema, JsonNode value, String at, List<String> problems) {
    for (Iterator<String> keys = schema.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!KNOWN.contains(key)) {
        problems.add(at + ": the schema uses '" + key + "', which this check does not know");
      }
    }
    if (schema.has("$ref")) {
      check(resolve(schema.path("$ref").asText()), value, at, problems);
      return;
    }
    if (schema.has("anyOf")) {
      List<String> differences = new ArrayList<>();
      int index = 0;
      for (JsonNode alternative : schema.path("anyOf")) {
        List<String> found = new ArrayList<>();
        check(alternative, value, at, found);
        if (found.isEmpty()) {
          return;
        }
        int alternativeIndex = index++;
        found.forEach(problem -> differences.add("anyOf[" + alternativeIndex + "] " + problem));
      }
      problems.add(at + ": matches none of the anyOf schemas");
      problems.addAll(differences);
      return;
    }
    if (schema.has("type") && !typeMatches(schema.path("type"), value)) {
      problems.add(at + ": " + value.getNodeType() + " " + abbreviate(value) + " is not " + schema.path("type"));
      return;
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.path("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        problems.add(at + ": " + value + " is not one of " + schema.path("enum"));
      }
    }
    if (value.isNumber() && schema.has("minimum") && value.asDouble() < schema.path("minimum").asDouble()) {
      problems.add(at + ": " + value + " is below " + schema.path("minimum"));
    }
    if (value.isNumber() && schema.has("maximum") && value.asDouble() > schema.path("maximum").asDouble()) {
      problems.add(at + ": " + value + " is above " + schema.path("maximum"));
    }
    if (value.isObject()) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) {
          problems.add(at + ": '" + required.asText() + "' is missing");
        }
      }
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (properties.has(field.getKey())) {
          check(properties.path(field.getKey()), field.getValue(), at + "." + field.getKey(), problems);
        } else if (additional.isObject()) {
          check(additional, field.getValue(), at + "." + field.getKey(), problems);
        } else if (additional.isBoolean() && !additional.asBoolean()) {
          problems.add(at + ": '" + field.getKey() + "' is not in the description");
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.path("items"), value.get(i), at + "[" + i + "]", problems);
      }
    }
  }

  JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new IllegalArgumentException("only local references are used: " + ref);
    }
    JsonNode node = document.at(ref.substring(1));
    if (node.isMissingNode()) {
      throw new IllegalArgumentException("the document has no " + ref);
    }
    return node;
  }

  private static boolean typeMatches(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode one : type) {
        if (typeMatches(one, value)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> false;
    };
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
