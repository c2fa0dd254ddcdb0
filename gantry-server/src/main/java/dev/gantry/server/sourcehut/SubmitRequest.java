package dev.gantry.server.sourcehut;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The body of {@code POST /api/jobs}: {@code manifest}, {@code note}, {@code tags}, access lists, {@code execute}, {@code secrets}. */
record SubmitRequest(String manifest, String note, List<String> tags, List<String> readers, List<String> writers,
    boolean execute, boolean secrets) {

  private static final Set<String> FIELDS = Set.of("manifest", "note", "tags", "access:read", "access:write", "execute",
      "secrets");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern USER = Pattern.compile("\\*|~?[A-Za-z0-9_.-]{1,64}");
  private static final int MAX_USERS = 64;

  static SubmitRequest read(String body) {
    JsonNode root = JsonBody.object(body, FIELDS, "a JSON object with a manifest");
    JsonNode manifest = root.get("manifest");
    if (manifest == null || manifest.isNull()) {
      throw new InvalidJobException("manifest", "Manifest is required");
    }
    if (!manifest.isTextual()) {
      throw new InvalidJobException("manifest", "must be a string (the manifest's YAML)");
    }
    String note = JsonBody.text(root, "note");
    if (note != null && (note.length() > JobSpecValidator.MAX_DESCRIPTION || note.indexOf('\0') >= 0)) {
      throw new InvalidJobException("note", "at most " + JobSpecValidator.MAX_DESCRIPTION + " characters, without NUL");
    }
    List<String> tags = list(root, "tags", TAG, "each tag is 1 to 64 of A-Z, a-z, 0-9, '_', '.', ':' or '-'");
    if (tags.size() > JobSpecValidator.MAX_TAGS) {
      throw new InvalidJobException("tags", "at most " + JobSpecValidator.MAX_TAGS + " tags are allowed, not " + tags.size());
    }
    List<String> readers = users(root, "access:read");
    List<String> writers = users(root, "access:write");
    return new SubmitRequest(manifest.asText(), note, tags, readers, writers, bool(root, "execute"), bool(root, "secrets"));
  }

  private static List<String> users(JsonNode root, String field) {
    List<String> users = list(root, field, USER, "a user name (letters, digits, '_', '.', '-'; '~' allowed in front) or *");
    if (users.size() > MAX_USERS) {
      throw new InvalidJobException(field, "at most " + MAX_USERS + " users are allowed, not " + users.size());
    }
    return users.stream().map(u -> u.startsWith("~") ? u.substring(1) : u).distinct().toList();
  }

  private static boolean bool(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return true;
    }
    if (!value.isBoolean()) {
      throw new InvalidJobException(field, "must be true or false");
    }
    return value.asBoolean();
  }

  private static List<String> list(JsonNode root, String field, Pattern item, String rule) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new InvalidJobException(field, "must be a list of strings");
    }
    if (value.size() > 1024) {
      throw new InvalidJobException(field, "at most 1024 entries, not " + value.size());
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode entry = value.get(i);
      if (!entry.isTextual() || !item.matcher(entry.asText()).matches()) {
        throw new InvalidJobException(field, "'" + Echo.of(entry.asText()) + "': " + rule);
      }
      items.add(entry.asText());
    }
    return items;
  }
}
