package dev.gantry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  void aHashKeepsItsParametersAndSaltAndVerifiesOnlyItsPassword() {
    String stored = PasswordHash.of("correct horse battery");
    String again = PasswordHash.of("correct horse battery");

    assertThat(stored).startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$").doesNotContain("horse");
    assertThat(stored.split("\\$")).hasSize(4);
    assertThat(again).as("a salt of its own").isNotEqualTo(stored);
    assertThat(PasswordHash.verify("correct horse battery", stored)).isTrue();
    assertThat(PasswordHash.verify("correct horse batterY", stored)).isFalse();
    assertThat(PasswordHash.verify("", stored)).isFalse();
  }

  @Test
  void aMalformedOrForeignStoredFormVerifiesNothing() {
    for (String stored : new String[] {null, "", "plain", "md5$1$a$b", "pbkdf2-sha256$x$a$b", "pbkdf2-sha256$0$YQ$YQ",
        "pbkdf2-sha256$99999999$YQ$YQ", "pbkdf2-sha256$1$@@$YQ"}) {
      assertThat(PasswordHash.verify("anything", stored)).as(stored).isFalse();
    }
    assertThat(PasswordHash.verifyNothing("anything")).isFalse();
  }
}
