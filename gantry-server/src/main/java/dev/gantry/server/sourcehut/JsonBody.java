package dev.gantry.server.sourcehut;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.server.JsonResponses;
import java.util.Iterator;
import java.util.Set;

/** How builds.sr.ht's request bodies are read: one JSON object (nothing after it) of known fields only. */
final class JsonBody {

  private JsonBody() {}

  /** {@code body} as a JSON object of {@code fields}; {@code expected} says what it should be when it is not an object. */
  static JsonNode object(String body, Set<String> fields, String expected) {
    JsonNode root;
    try {
      root = JsonResponses.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidJobException("", "the body is not valid JSON: " + Echo.of(String.valueOf(e.getOriginalMessage())));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidJobException("", "the body must be " + expected);
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new InvalidJobException(Echo.of(name), "unknown field");
      }
    }
    return root;
  }

  /** The text of {@code field} of {@code root}, null when it is absent or null; anything but a string is refused. */
  static String text(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidJobException(field, "must be a string");
    }
    return value.asText();
  }
}
