package dev.gantry.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Makes sure every process sharing a database seals with the same key: the first process with a
 * key records its id ({@code secret_key}), each later one must have that key. Two first processes
 * starting at once both try to record theirs; the loser reads the winner's and is checked against it.
 */
final class SecretKeyCheck {

  private SecretKeyCheck() {}

  static void verify(Database database, SecretCipher cipher, String description) {
    Optional<String> recorded = database.inTransaction(SecretKeyCheck::recorded);
    if (recorded.isEmpty()) {
      try {
        database.inTransaction(sql -> sql.update("insert into secret_key (id, key_id, created_at) values (1, ?, ?)",
            cipher.keyId(), Instant.now()));
        return;
      } catch (StoreException raced) {
        recorded = database.inTransaction(SecretKeyCheck::recorded);
        if (recorded.isEmpty()) {
          throw raced;
        }
      }
    }
    if (!recorded.get().equals(cipher.keyId())) {
      throw new StoreException("the secrets in " + description + " are sealed with the secret key " + recorded.get()
          + ", and this process was given another key (" + cipher.keyId() + "): give every process sharing the"
          + " database the same key (GANTRY_SECRET_KEY or --secret-key-file)", null);
    }
  }

  private static Optional<String> recorded(SqlSession sql) {
    return sql.first("select key_id from secret_key where id = 1", row -> row.getString(1));
  }
}
