package dev.gantry.store;

import java.nio.file.Path;

/**
 * Where the store's database is and how many connections to keep to it. {@code user} and
 * {@code password} may be null when the URL carries them. {@code secretCipher} seals the secrets
 * kept at rest ({@link SealedSecrets}); null: the store keeps no secrets (a job with some is refused).
 */
public record StoreSettings(String url, String user, String password, int maxPoolSize, SecretCipher secretCipher) {

  public StoreSettings(String url, String user, String password, int maxPoolSize) {
    this(url, user, password, maxPoolSize, null);
  }

  public static final int DEFAULT_POOL_SIZE = 10;

  /**
   * H2 closes the database itself when the JVM exits unless told otherwise; we close it in our
   * own shutdown, after the workers have written their last rows. The lock timeout lets
   * concurrent claims and job locks wait for each other instead of failing at once. WRITE_DELAY=0
   * writes every commit to the file at once: H2's default (500 ms) loses the last commits, an
   * accepted job among them, when the process is killed. QUERY_CACHE_SIZE: each connection keeps
   * this many parsed statements; H2's default of 8 is fewer than the store's statements, so it
   * parsed the same SQL again and again (5% of the sampled CPU under a burst of jobs; half that
   * with 128). MAX_LENGTH_INPLACE_LOB: a large-text value (a job's spec, a log part) of up to this
   * many bytes is kept in its row; H2's default of 256 sent nearly every spec to its separate LOB
   * storage, which cost 2-3x the time to insert and commit a 1-12 KB value and 3-4x to read it.
   */
  private static final String H2_OPTIONS =
      ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0;QUERY_CACHE_SIZE=128;MAX_LENGTH_INPLACE_LOB=16384";

  public StoreSettings {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "the store needs a JDBC URL, e.g. jdbc:postgresql://host:5432/gantry or jdbc:h2:file:/var/lib/gantry/gantry");
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("the store's maxPoolSize must be at least 1, not " + maxPoolSize);
    }
  }

  /** The embedded default: an H2 database in {@code dataDir}, in the files {@code gantry.*}. */
  public static StoreSettings h2File(Path dataDir) {
    String file = dataDir.toAbsolutePath().normalize().resolve("gantry").toString();
    return new StoreSettings("jdbc:h2:file:" + file + H2_OPTIONS, "gantry", "", DEFAULT_POOL_SIZE);
  }

  public StoreSettings withMaxPoolSize(int size) {
    return new StoreSettings(url, user, password, size, secretCipher);
  }

  /** These settings with the key that seals secrets at rest. */
  public StoreSettings withSecretCipher(SecretCipher cipher) {
    return new StoreSettings(url, user, password, maxPoolSize, cipher);
  }

  /** Never shows the password, so settings can be logged. */
  @Override
  public String toString() {
    return "StoreSettings[" + SqlDialect.describe(url) + ", user=" + user + ", maxPoolSize=" + maxPoolSize
        + (secretCipher == null ? "" : ", secret key " + secretCipher.keyId()) + "]";
  }
}
