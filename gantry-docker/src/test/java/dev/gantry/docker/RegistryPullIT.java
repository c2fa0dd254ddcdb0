package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.gantry.core.spec.RegistryAuth;
import dev.gantry.core.spec.TaskAttachments;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.TaskOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code registry: {username, password}} against a real private registry: the distribution
 * registry with htpasswd auth that .ci/services runs on 127.0.0.1:5055, holding busybox.
 */
class RegistryPullIT extends WithDockerEngine {

  // As .ci/services sets them up: test values guarding a test image.
  static final String ADDRESS = "127.0.0.1:5055";
  static final String IMAGE = ADDRESS + "/gantry/private-busybox:latest";
  static final RegistryAuth CREDENTIALS = new RegistryAuth("gantry", "gantry-registry-secret");

  @BeforeEach
  void registryRunsAndTheImageIsNotHereYet() throws Exception {
    int status;
    try {
      status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + ADDRESS + "/v2/")).build(),
          BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      status = -1;
    }
    if (status != 401) {
      String problem = "no registry with auth answers at " + ADDRESS + " (got " + status + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(problem + " (CI=true, so .ci/services should have started it)");
      }
      Assumptions.assumeTrue(false, problem + ": run .ci/services");
    }
    try {
      docker.removeImageCmd(IMAGE).withForce(true).exec();
    } catch (NotFoundException notHere) {
      // as it should be
    }
  }

  private static TestTask privateTask(RegistryAuth registry) {
    return TestTask.script("echo from the private image").image(IMAGE)
        .attachments(new TaskAttachments(List.of(), List.of(), registry, null, List.of()));
  }

  private TaskOutcome pull(TestTask task, RecordingSink sink) {
    try (DockerRuntime pulling = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.IF_NOT_PRESENT))) {
      return pulling.run(execution(newJob(), task), sink, new Cancellation());
    }
  }

  @Test
  void withTheCredentialsThePrivateImageIsPulledAndRuns() {
    RecordingSink sink = new RecordingSink();

    TaskOutcome outcome = pull(privateTask(CREDENTIALS), sink);

    assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    assertThat(sink.output(dev.gantry.core.job.LogPart.Stream.STDOUT)).isEqualTo("from the private image\n");
  }

  @Test
  void withoutCredentialsThePullIsRefused() {
    TaskOutcome outcome = pull(privateTask(null), new RecordingSink());

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.error()).startsWith("image '" + IMAGE + "' is not present and could not be pulled: ")
        .contains("no basic auth credentials");
  }

  @Test
  void withAWrongPasswordThePullIsRefusedWithoutShowingIt() {
    TaskOutcome outcome = pull(privateTask(new RegistryAuth("gantry", "wrong-password-x")), new RecordingSink());

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.error()).startsWith("image '" + IMAGE + "' is not present and could not be pulled: ")
        .doesNotContain("wrong-password-x");
  }
}
