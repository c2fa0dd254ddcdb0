package dev.gantry.server.tork;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.auth.InvalidAuthRequestException;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.core.spec.Echo;
import dev.gantry.server.JsonResponses;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads {@code {"user","name","scopes":[...],"expiresIn":"30d"}} strictly: unknown fields and wrong types name their field. */
final class TokenRequestReader {

  private static final Set<String> FIELDS = Set.of("user", "name", "scopes", "expiresIn");

  private TokenRequestReader() {}

  static TokenRequest read(String body) {
    JsonNode root;
    try {
      root = JsonResponses.mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidAuthRequestException(null, "the body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidAuthRequestException(null, "the body must be a JSON object such as"
          + " {\"user\":\"alice\",\"name\":\"ci\",\"scopes\":[\"jobs:read\"]}");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidAuthRequestException(Echo.of(name), "unknown field");
      }
    }
    JsonNode scopes = root.get("scopes");
    if (scopes != null && !scopes.isNull() && !scopes.isArray()) {
      throw new InvalidAuthRequestException("scopes", "must be a list, e.g. [\"jobs:read\"]");
    }
    List<String> scopeNames = new ArrayList<>();
    if (scopes != null && scopes.isArray()) {
      if (scopes.size() > 16) {
        throw new InvalidAuthRequestException("scopes", "at most 16 are allowed, not " + scopes.size());
      }
      for (int i = 0; i < scopes.size(); i++) {
        scopeNames.add(text(scopes.get(i), "scopes[" + i + "]"));
      }
    }
    return new TokenRequest(text(root.get("user"), "user"), text(root.get("name"), "name"), TokenRequest.scopes(scopeNames),
        TokenRequest.expiresIn(text(root.get("expiresIn"), "expiresIn")));
  }

  private static String text(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidAuthRequestException(field, "must be a string");
    }
    return node.asText();
  }
}
