package dev.gantry.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Token secrets: 256 random bits, and the hash they are stored and found by. A plain SHA-256 is
 * enough for secrets this random (no dictionary to try); looking a token up by its hash also
 * means no secret is ever compared byte by byte, so the comparison leaks no timing.
 */
public final class TokenSecret {

  /** Every secret Gantry makes starts so; it tells a reader (and a secret scanner) what it is. */
  public static final String PREFIX = "gantry_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecret() {}

  /** A new secret: the prefix and 32 random bytes, base64url without padding (50 characters). */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 of the secret's UTF-8 bytes, as 64 hex digits. */
  public static String hash(String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
