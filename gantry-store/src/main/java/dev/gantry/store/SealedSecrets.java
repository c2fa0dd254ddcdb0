package dev.gantry.store;

import java.util.Map;

/**
 * The one place where values kept secret at rest are written and read: the {@code jobs.secrets}
 * column (a job's Tork {@code secrets}; sensitive env and registry passwords are to be kept in it
 * too) and {@code scheduled_jobs.secrets} (those of the jobs a schedule starts), sealed with the
 * store's {@link SecretCipher} for the row they belong to ({@code place}: a job's id, or
 * {@link ScheduleRows#context} of a schedule's), and {@code deliveries.sealed_headers} (webhook
 * headers that read secrets, {@link DeliveryRows}). A store opened
 * without a key refuses to keep secrets rather than keep them in clear. A value stored in clear
 * before Gantry sealed them (schema V11 to V16) still reads; V17 ({@link SealSecretsMigration})
 * seals those.
 */
final class SealedSecrets {

  private final SecretCipher cipher;

  /** {@code cipher}: null when the store was opened without a secret key. */
  SealedSecrets(SecretCipher cipher) {
    this.cipher = cipher;
  }

  /** The column's value for the job's secrets: null for none. */
  String write(String place, Map<String, String> secrets) {
    if (secrets.isEmpty()) {
      return null;
    }
    return seal(place, SpecJson.writeSecrets(secrets));
  }

  /** The secrets from the column's value (null: none). */
  Map<String, String> read(String place, String column) {
    if (column == null) {
      return Map.of();
    }
    if (!SecretCipher.isSealed(column)) {
      return SpecJson.readSecrets(column);
    }
    if (cipher == null) {
      throw noKey();
    }
    return SpecJson.readSecrets(cipher.open(column, context(place)));
  }

  /** {@code json} (secrets as JSON, e.g. as stored before V17) sealed for {@code place}. */
  String seal(String place, String json) {
    if (cipher == null) {
      throw noKey();
    }
    return cipher.seal(json, context(place));
  }

  private static String context(String place) {
    return "jobs.secrets:" + place;
  }

  private static IllegalStateException noKey() {
    return new IllegalStateException("the store was opened without a secret key, so it neither keeps nor reads secrets:"
        + " give it one (GANTRY_SECRET_KEY or --secret-key-file)");
  }
}
