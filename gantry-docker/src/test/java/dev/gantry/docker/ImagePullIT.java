package dev.gantry.docker;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.Cancellation.Reason;
import dev.gantry.core.spi.TaskOutcome;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Missing images and pull policies; every "registry" here is on 127.0.0.1, so nothing leaves the machine. */
class ImagePullIT extends WithDockerEngine {

  @Test
  void aMissingImageFailsWithAClearErrorWhenPullingIsNotAllowed() {
    TaskOutcome outcome = run(newJob(), TestTask.script("true").image("gantry-test/does-not-exist:never"), new RecordingSink());

    assertThat(outcome.exitCode()).isNull();
    assertThat(outcome.error()).isEqualTo("image 'gantry-test/does-not-exist:never' is not present and the pull policy is NEVER");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aMissingImageThatCannotBePulledFailsWithTheShortReason() {
    // Port 1 on this machine refuses at once: the pull fails fast, with no registry on the internet involved.
    String image = "127.0.0.1:1/gantry-test/missing:1";
    try (DockerRuntime pulling = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.IF_NOT_PRESENT))) {
      String job = newJob();
      TaskOutcome outcome = pulling.run(execution(job, TestTask.script("true").image(image)), new RecordingSink(), new Cancellation());

      assertThat(outcome.exitCode()).isNull();
      assertThat(outcome.error()).startsWith("image '" + image + "' is not present and could not be pulled: ")
          .doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void aCancelDuringAHangingPullReturnsPromptly() throws Exception {
    try (SilentRegistry registry = new SilentRegistry();
        DockerRuntime pulling = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.IF_NOT_PRESENT))) {
      Cancellation cancellation = new Cancellation();
      CompletableFuture<TaskOutcome> running = CompletableFuture.supplyAsync(() -> pulling.run(
          execution(newJob(), TestTask.script("true").image(registry.image())), new RecordingSink(), cancellation));
      assertThat(registry.awaitConnection(Duration.ofSeconds(60))).as("the engine started pulling").isTrue();

      cancellation.cancel(Reason.CANCELLED);

      TaskOutcome outcome = running.get(15, SECONDS);
      assertThat(outcome.exitCode()).isNull();
      assertThat(outcome.error()).isEqualTo("cancelled before the container started");
    }
  }

  @Test
  void aPullThatDoesNotAnswerFailsAfterThePullTimeout() throws Exception {
    try (SilentRegistry registry = new SilentRegistry();
        DockerRuntime pulling = new DockerRuntime(DockerSettings.defaults()
            .withPullPolicy(PullPolicy.IF_NOT_PRESENT).withPullTimeout(Duration.ofSeconds(1)))) {

      TaskOutcome outcome = pulling.run(execution(newJob(), TestTask.script("true").image(registry.image())),
          new RecordingSink(), new Cancellation());

      assertThat(outcome.error()).isEqualTo("image '" + registry.image()
          + "' is not present and could not be pulled: no answer from the registry after 1s");
    }
  }
}
