package dev.gantry.server;

import dev.gantry.core.auth.UnauthenticatedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The token secret an {@code Authorization} header carries, in each form Gantry's clients send:
 * {@code Bearer <token>}, {@code token <token>} (builds.sr.ht's clients) and Basic with the
 * token as the password (Hades' client sends {@code hades:<key>}; the user part is not checked,
 * the token says who it is) or with a user's name and password. Every malformed header is an UnauthenticatedException that names
 * what is wrong, never the secret.
 */
final class Credential {

  /** A token is 50 characters; anything far longer is not one (and is not hashed). */
  private static final int LONGEST_HEADER = 2048;

  private Credential() {}

  /** What a header presents: a secret, and for Basic the user part (which a password needs; a token ignores it). */
  record Presented(String basicUser, String secret) {}

  static String secretOf(String header) {
    return of(header).secret();
  }

  static Presented of(String header) {
    if (header == null || header.isBlank()) {
      throw new UnauthenticatedException("no credential: send the header Authorization: Bearer <token>");
    }
    if (header.length() > LONGEST_HEADER) {
      throw new UnauthenticatedException("the Authorization header is too long to hold a token");
    }
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
    String value = space < 0 ? "" : trimmed.substring(space + 1).strip();
    if (value.isEmpty()) {
      throw new UnauthenticatedException("the Authorization header has no credential after its scheme");
    }
    if (scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("token")) {
      return new Presented(null, value);
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      return basic(value);
    }
    throw new UnauthenticatedException("the Authorization scheme is not one Gantry accepts: use Bearer, token or Basic");
  }

  private static Presented basic(String encoded) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new UnauthenticatedException("the Basic credential is not base64");
    }
    String decoded;
    try {
      decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new UnauthenticatedException("the Basic credential is not UTF-8 text");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new UnauthenticatedException("the Basic credential has no ':' between user and password (the token)");
    }
    String password = decoded.substring(colon + 1);
    if (password.isEmpty()) {
      throw new UnauthenticatedException("the Basic credential has no password: send a token or the user's password");
    }
    return new Presented(decoded.substring(0, colon), password);
  }
}
