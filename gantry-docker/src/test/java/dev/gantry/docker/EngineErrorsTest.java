package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class EngineErrorsTest {

  private final EngineErrors errors = new EngineErrors("unix:///var/run/docker.sock");

  @Test
  void theEnginesJsonMessageIsTheReason() {
    NotFoundException e = new NotFoundException("{\"message\":\"No such image: nope:1\"}\n");

    assertThat(EngineErrors.reason(e)).isEqualTo("No such image: nope:1");
    assertThat(EngineErrors.isUnreachable(e)).isFalse();
  }

  @Test
  void aWrappedEngineErrorIsFoundInTheCauses() {
    RuntimeException e = new IllegalStateException("x", new ConflictException("{\"message\":\"volume is in use\"}"));

    assertThat(EngineErrors.reason(e)).isEqualTo("volume is in use");
  }

  @Test
  void aFailedConnectionIsUnreachableWithTheInnermostMessage() {
    RuntimeException e = new RuntimeException(new ConnectException("Connection refused"));

    assertThat(EngineErrors.isUnreachable(e)).isTrue();
    assertThat(errors.describe("creating the container", e))
        .isEqualTo("Docker engine unreachable at unix:///var/run/docker.sock: Connection refused");
  }

  @Test
  void otherFailuresNameTheStepAndStayOnOneLine() {
    RuntimeException e = new IllegalStateException("first line\n\tsecond line");

    assertThat(errors.describe("starting the container", e)).isEqualTo("starting the container failed: first line second line");
  }

  @Test
  void aMessagelessCauseIsNamedByItsType() {
    assertThat(EngineErrors.reason(new RuntimeException(new IOException()))).isEqualTo("IOException");
  }
}
