package dev.gantry.server.sourcehut;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spec.InvalidJobException;
import java.util.List;
import java.util.Set;

/**
 * sourcehut's secrets: {@code ssh_key} (installed as {@code ~/.ssh/<uuid>}, the first also as
 * {@code ~/.ssh/id_rsa}, mode 600), {@code pgp_key} (imported with gpg), {@code plaintext_file}
 * (written at its {@code path} with its {@code mode}); and the body of {@code POST /secrets}.
 */
final class SecretKinds {

  static final String SSH_KEY = "ssh_key";
  static final String PGP_KEY = "pgp_key";
  static final String PLAINTEXT_FILE = "plaintext_file";
  private static final Set<String> KINDS = Set.of(SSH_KEY, PGP_KEY, PLAINTEXT_FILE);
  private static final Set<String> FIELDS = Set.of("name", "type", "value", "path", "mode");
  private static final int MAX_VALUE = 64 * 1024;

  private SecretKinds() {}

  /** A validated {@code POST /secrets} body. */
  record Request(String name, String kind, String value, String path, Integer mode) {}

  static Request read(String body) {
    JsonNode root = JsonBody.object(body, FIELDS, "a JSON object {name, type, value, path, mode}");
    String kind = JsonBody.text(root, "type");
    if (kind == null || !KINDS.contains(kind)) {
      throw new InvalidJobException("type", "must be ssh_key, pgp_key or plaintext_file");
    }
    String value = JsonBody.text(root, "value");
    if (value == null || value.isEmpty() || value.length() > MAX_VALUE || value.indexOf('\0') >= 0) {
      throw new InvalidJobException("value", "is required: 1 to " + MAX_VALUE + " characters without NUL");
    }
    String name = JsonBody.text(root, "name");
    if (name != null && (name.length() < 3 || name.length() > 512 || !name.matches("[^\\s\\x00-\\x1f]+"))) {
      throw new InvalidJobException("name", "3 to 512 characters without spaces or control characters");
    }
    String path = JsonBody.text(root, "path");
    JsonNode modeNode = root.get("mode");
    Integer mode = null;
    if (kind.equals(PLAINTEXT_FILE)) {
      if (path == null || !(path.startsWith("/") || path.startsWith("~/")) || path.endsWith("/") || path.indexOf('\0') >= 0
          || path.length() > 4096 || List.of(path.split("/")).contains("..") || path.contains("\n")) {
        throw new InvalidJobException("path", "a plaintext_file needs an absolute path or one under ~/, without '..'");
      }
      if (modeNode == null || !(modeNode.isInt() || modeNode.isTextual() && modeNode.asText().matches("0?[0-7]{3}"))) {
        throw new InvalidJobException("mode", "a plaintext_file needs a mode: a number like 384 or octal text like \"600\"");
      }
      mode = modeNode.isInt() ? modeNode.asInt() : Integer.parseInt(modeNode.asText(), 8);
      if (mode < 0 || mode > 0777) {
        throw new InvalidJobException("mode", "must be from 0 to 0777 (511)");
      }
    } else if (path != null || modeNode != null) {
      throw new InvalidJobException(path != null ? "path" : "mode", "only a plaintext_file has a path and mode");
    }
    return new Request(name, kind, value, path, mode);
  }

  static String absolute(String path) {
    return path.startsWith("~/") ? BuildSession.HOME + path.substring(1) : path;
  }
}
