package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.docker.ImageSource.Reference;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

  @Test
  void aNameWithoutTagMeansLatestSoThatAPullFetchesOneTagNotAll() {
    assertThat(Reference.parse("busybox")).isEqualTo(new Reference("busybox", "latest"));
    assertThat(Reference.parse("registry:5000/team/app")).isEqualTo(new Reference("registry:5000/team/app", "latest"));
  }

  @Test
  void tagsAndDigestsAreSplitOff() {
    assertThat(Reference.parse("busybox:1.36")).isEqualTo(new Reference("busybox", "1.36"));
    assertThat(Reference.parse("registry:5000/app:v2")).isEqualTo(new Reference("registry:5000/app", "v2"));
    assertThat(Reference.parse("app@sha256:abc")).isEqualTo(new Reference("app", "sha256:abc"));
  }

  @Test
  void credentialsGoToTheRegistryTheNameStartsWithOrDockerHub() {
    assertThat(Reference.parse("127.0.0.1:5055/gantry/app:1").registry()).isEqualTo("127.0.0.1:5055");
    assertThat(Reference.parse("ghcr.io/team/app").registry()).isEqualTo("ghcr.io");
    assertThat(Reference.parse("localhost/app").registry()).isEqualTo("localhost");
    assertThat(Reference.parse("team/app").registry()).isEqualTo("https://index.docker.io/v1/");
    assertThat(Reference.parse("busybox").registry()).isEqualTo("https://index.docker.io/v1/");
  }
}
