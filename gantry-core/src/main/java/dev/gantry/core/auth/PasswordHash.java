package dev.gantry.core.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Users' passwords, stored slow-hashed with the JDK's PBKDF2WithHmacSHA256: a random 16-byte salt
 * per user and {@value #ITERATIONS} iterations (OWASP's figure for it), both in the stored form
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, so that a later, higher count can verify the
 * old hashes. Compared in constant time; {@link #verifyNothing} costs what a check costs, for
 * callers whose user does not exist, so that timing does not tell them apart.
 */
public final class PasswordHash {

  public static final int ITERATIONS = 310_000;
  private static final String SCHEME = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  /** What an unknown user's password is checked against: a hash of nothing anyone knows. */
  private static final String NOBODY = of(TokenSecret.generate());

  private PasswordHash() {}

  /** The stored form of {@code password}, with a new salt. */
  public static String of(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return SCHEME + "$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
  }

  /** Whether {@code password} is the one {@code stored} was made of; false for a malformed stored form. */
  public static boolean verify(String password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < 1 || iterations > MAX_ITERATIONS) {
        return false;
      }
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      byte[] actual = derive(password, Base64.getDecoder().decode(parts[2]), iterations);
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  /** As long as {@link #verify} for a user that has a password; always false. */
  public static boolean verifyNothing(String password) {
    verify(password, NOBODY);
    return false;
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A digest of a user and password that were verified, for a cache to find them by without keeping the password. */
  static String cacheKey(String user, String password) {
    return TokenSecret.hash("password\n" + user + "\n" + password);
  }
}
