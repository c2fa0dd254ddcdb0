package dev.gantry.store;

/** Secret keys for tests: fixed, so a failing test can be reproduced; never a real deployment's. */
final class TestKeys {

  static final String KEY = "3q2+7wABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGho=";
  static final String OTHER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  static final SecretCipher CIPHER = SecretCipher.fromBase64(KEY, "the test key");
  static final SecretCipher OTHER = SecretCipher.fromBase64(OTHER_KEY, "the other test key");

  private TestKeys() {}

  /** {@code settings} with the test key. */
  static StoreSettings keyed(StoreSettings settings) {
    return settings.withSecretCipher(CIPHER);
  }
}
