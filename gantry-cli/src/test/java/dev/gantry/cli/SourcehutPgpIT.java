package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.server.sourcehut.SourcehutImages;
import dev.gantry.server.sourcehut.SourcehutSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code pgp_key} secret is imported with gpg before the tasks, as builds.sr.ht's runner does: in
 * a Debian image with gnupg (built by .ci/services with debootstrap). The key is a throwaway made
 * for this test only (ed25519, no passphrase, in the test resources); nothing it signs means anything.
 */
class SourcehutPgpIT {

  static final String DEBIAN_GPG = "gantry-test/debian-gpg:bookworm";
  /** The throwaway key's fingerprint. */
  private static final String FINGERPRINT = "BCFA1424B25B1E49E8D62E2E2E2D9C83ABCCF85B";

  @TempDir static Path dir;
  static StandaloneFixture gantry;

  @BeforeAll
  static void start() throws IOException {
    Services.requireDocker();
    Services.requireImage(DEBIAN_GPG, "run `bash .ci/services` as root (it builds it with debootstrap)");
    Path images = dir.resolve("images");
    Files.writeString(images, "debian/gpg " + DEBIAN_GPG + " apt\n");
    gantry = new StandaloneFixture(dir.resolve("gantry"), HostAccessPolicy.NONE,
        new SourcehutSettings(null, Duration.ofMinutes(2), SourcehutImages.withFile(images)));
    SourcehutIT.gantry = gantry;
  }

  @AfterAll
  static void stop() {
    if (gantry != null) {
      gantry.close();
    }
    SourcehutIT.gantry = null;
  }

  private static String throwawayKey() throws IOException {
    try (InputStream in = SourcehutPgpIT.class.getResourceAsStream("throwaway-pgp-key.asc")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aPgpKeySecretIsImportedWithGpgBeforeTheTasks() throws IOException {
    String key = throwawayKey();
    SourcehutIT.Reply stored = SourcehutIT.post("/secrets",
        new ObjectMapper().writeValueAsString(Map.of("name", "signing-key", "type", "pgp_key", "value", key)));
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);

    long id = SourcehutIT.submit("""
        image: debian/gpg
        secrets: [signing-key]
        tasks:
          - keys: gpg --batch --list-secret-keys --with-colons | grep '^fpr'
        """, Map.of());
    JsonNode job = SourcehutIT.awaitEnd(id);

    String setup = SourcehutIT.log(job, null);
    assertThat(job.path("status").asText()).as(setup).isEqualTo("success");
    assertThat(setup).contains("Importing pgp key").contains("secret key imported");
    assertThat(SourcehutIT.log(job, "keys")).contains(FINGERPRINT);
    assertThat(setup + SourcehutIT.log(job, "keys")).doesNotContain("PGP PRIVATE KEY BLOCK");
  }
}
