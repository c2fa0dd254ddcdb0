package dev.gantry.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens values kept at rest (AES-256-GCM, the JDK's own provider): a random 96-bit
 * nonce per value, and the value's place ({@code context}, e.g. {@code jobs.secrets:<job id>}) as
 * associated data, so a sealed value copied to another row does not open. The sealed form,
 * {@code gs1:<key id>:<base64 of nonce and ciphertext>}, names the key (a digest of it, not the
 * key), so that a later key rotation knows which key opens which value, and a wrong key fails
 * with a message instead of garbage. The key is never shown.
 */
public final class SecretCipher {

  /** What every sealed value starts with (format version 1). */
  public static final String PREFIX = "gs1:";
  /** AES-256: the key is 32 bytes. */
  public static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final String keyId;

  private SecretCipher(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("a secret key is " + KEY_BYTES + " bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.keyId = keyIdOf(key);
  }

  /** The cipher of a 32-byte key. */
  public static SecretCipher of(byte[] key) {
    return new SecretCipher(key);
  }

  /**
   * The cipher of a key written as base64 (of 32 bytes); {@code source} names where the text came
   * from (GANTRY_SECRET_KEY, a file) in the message of an IllegalArgumentException.
   */
  public static SecretCipher fromBase64(String text, String source) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not base64: it must be the base64 of " + KEY_BYTES
          + " random bytes, e.g. the output of `head -c 32 /dev/urandom | base64`");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(source + " decodes to " + key.length + " bytes, not " + KEY_BYTES
          + ": it must be the base64 of " + KEY_BYTES + " random bytes, e.g. the output of `head -c 32 /dev/urandom | base64`");
    }
    return new SecretCipher(key);
  }

  /** A new random key, as base64: what a key file holds. */
  public static String newKeyBase64() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** Whether {@code text} is in the sealed form (of any key). */
  public static boolean isSealed(String text) {
    return text != null && text.startsWith(PREFIX);
  }

  /** The key's id: 16 hex digits of a digest of it. Says which key sealed a value, reveals nothing of it. */
  public String keyId() {
    return keyId;
  }

  /** {@code plaintext} sealed for {@code context}, with a nonce of its own. */
  public String seal(String plaintext, String context) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] stored = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
      return PREFIX + keyId + ":" + Base64.getEncoder().withoutPadding().encodeToString(stored);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to seal a value: " + e.getMessage(), e);
    }
  }

  /**
   * The plaintext of a value sealed for {@code context}. IllegalStateException (never holding the
   * value) when another key sealed it, it was sealed for another place, or it was changed.
   */
  public String open(String sealed, String context) {
    if (!isSealed(sealed)) {
      throw new IllegalStateException("the value of " + context + " is not sealed");
    }
    int colon = sealed.indexOf(':', PREFIX.length());
    if (colon < 0) {
      throw new IllegalStateException("the sealed value of " + context + " is malformed");
    }
    String sealedBy = sealed.substring(PREFIX.length(), colon);
    if (!sealedBy.equals(keyId)) {
      throw new IllegalStateException("the value of " + context + " was sealed with the secret key " + sealedBy
          + ", not with this process's key " + keyId + ": give every process the same key (GANTRY_SECRET_KEY or --secret-key-file)");
    }
    byte[] stored;
    try {
      stored = Base64.getDecoder().decode(sealed.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the sealed value of " + context + " is malformed");
    }
    if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new IllegalStateException("the sealed value of " + context + " is malformed");
    }
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(stored, NONCE_BYTES), context);
      byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("the sealed value of " + context + " does not open with the key " + keyId
          + ": it was changed, or sealed for another place");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to open " + context + ": " + e.getMessage(), e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static String keyIdOf(byte[] key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("gantry secret key id\n".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest(key), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "SecretCipher[key " + keyId + "]";
  }
}
