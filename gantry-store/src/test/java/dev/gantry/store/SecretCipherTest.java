package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private final SecretCipher cipher = TestKeys.CIPHER;

  @Test
  void sealsEachValueWithANonceOfItsOwnAndOpensIt() {
    String first = cipher.seal("hunter2 ünïcode", "jobs.secrets:a");
    String second = cipher.seal("hunter2 ünïcode", "jobs.secrets:a");

    assertThat(first).startsWith("gs1:" + cipher.keyId() + ":").doesNotContain("hunter2").isNotEqualTo(second);
    assertThat(cipher.open(first, "jobs.secrets:a")).isEqualTo("hunter2 ünïcode");
    assertThat(cipher.open(second, "jobs.secrets:a")).isEqualTo("hunter2 ünïcode");
  }

  @Test
  void aValueOpensOnlyWithItsKeyAtItsPlaceAndUnchanged() {
    String sealed = cipher.seal("hunter2", "jobs.secrets:a");

    assertThatThrownBy(() -> TestKeys.OTHER.open(sealed, "jobs.secrets:a"))
        .hasMessageContaining("sealed with the secret key " + cipher.keyId()).hasMessageContaining("GANTRY_SECRET_KEY");
    assertThatThrownBy(() -> cipher.open(sealed, "jobs.secrets:b")).hasMessageContaining("does not open");
    // A character well inside the base64 (the last one may carry only padding bits, which decode to nothing).
    int at = sealed.length() - 8;
    String changed = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
    assertThatThrownBy(() -> cipher.open(changed, "jobs.secrets:a")).hasMessageContaining("does not open")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> cipher.open("gs1:" + cipher.keyId() + ":@@", "jobs.secrets:a")).hasMessageContaining("malformed");
  }

  @Test
  void aKeyIsTheBase64OfThirtyTwoBytesAndIsNeverShown() {
    assertThatThrownBy(() -> SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16]), "GANTRY_SECRET_KEY"))
        .hasMessage("GANTRY_SECRET_KEY decodes to 16 bytes, not 32: it must be the base64 of 32 random bytes,"
            + " e.g. the output of `head -c 32 /dev/urandom | base64`");
    assertThatThrownBy(() -> SecretCipher.fromBase64("not base64!", "GANTRY_SECRET_KEY")).hasMessageContaining("is not base64");
    assertThat(SecretCipher.fromBase64(SecretCipher.newKeyBase64(), "new").keyId()).hasSize(16).isNotEqualTo(cipher.keyId());
    assertThat(cipher.toString()).doesNotContain(TestKeys.KEY).contains(cipher.keyId());
  }
}
