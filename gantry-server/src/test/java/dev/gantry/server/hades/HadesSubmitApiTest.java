package dev.gantry.server.hades;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.Limits;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /build}: what the Hades dialect accepts, how it maps onto a job, and its plain-text 400s. */
class HadesSubmitApiTest {

  static final String HELLO = """
      {"name": "Hello World", "steps": [{"id": 1, "name": "Say Hello", "image": "busybox:latest",
       "script": "echo Hello from Hades!"}]}""";

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply build(String json) {
    return server.post("/build", "application/json", json);
  }

  private Job accepted(String json) {
    Reply reply = build(json);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return server.jobs.job(reply.json().path("id").asText());
  }

  @Test
  void answersWithTheIdUnderBothNamesAndQueuesTheJob() {
    Reply reply = build(HELLO);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonNode body = reply.json();
    String id = body.path("id").asText();
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(body.path("job_id").asText()).isEqualTo(id);
    assertThat(body.path("message").asText()).isEqualTo("Successfully enqueued job");
    assertThat(body.has("warnings")).isFalse();
    Job job = server.jobs.job(id);
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    TaskSpec step = job.spec().task(1);
    assertThat(step.name()).isEqualTo("Say Hello");
    assertThat(step.run()).isEqualTo("echo Hello from Hades!");
    assertThat(step.workdir()).isEqualTo("/shared");
    assertThat(step.env()).containsEntry("UUID", id).containsEntry("JOB_NAME", "Hello World");
  }

  @Test
  void acceptsABodyWithoutContentType() {
    assertThat(server.post("/build", null, HELLO).status()).isEqualTo(200);
  }

  @Test
  void jobMetadataIsEveryStepsEnvAndStepMetadataOverridesItButNotTheReservedNames() {
    Job job = accepted("""
        {"name": "env", "metadata": {"GLOBAL": "shared-value", "WHO": "job"},
         "steps": [{"id": 1, "image": "busybox", "metadata": {"WHO": "step", "UUID": "mine"}},
                   {"id": 2, "image": "busybox"}]}""");

    assertThat(job.spec().env()).containsEntry("GLOBAL", "shared-value").containsEntry("WHO", "job");
    assertThat(job.spec().task(1).env()).containsEntry("WHO", "step").containsEntry("UUID", job.id());
    assertThat(job.spec().task(2).env()).doesNotContainKey("WHO").containsEntry("UUID", job.id());
    assertThat(job.spec().task(1).name()).isEqualTo("step 1");
  }

  @Test
  void runsStepsInIdOrderWhateverTheirOrderInTheRequest() {
    Job job = accepted("""
        {"name": "order", "steps": [{"id": 3, "name": "c", "image": "busybox"}, {"id": 1, "name": "a", "image": "busybox"},
                                    {"id": 2, "name": "b", "image": "busybox"}]}""");
    assertThat(job.spec().tasks()).extracting(TaskSpec::name).containsExactly("a", "b", "c");
  }

  @Test
  void mapsEveryFieldTheRealServerKnows() {
    Job job = accepted("""
        {"name": "full", "priority": 5, "timestamp": "2024-05-01T10:00:00Z", "timeout_seconds": 600,
         "callback_url": "http://127.0.0.1:9/hook",
         "steps": [{"id": 1, "image": "busybox", "script": "make", "continue_on_error": true, "cpu_limit": 2,
                    "memory_limit": "2048M", "memory_swap": "4G", "pids_limit": 64, "network": "none"},
                   {"id": 2, "image": "busybox", "cpu_limit": "0.5", "memory_limit": "512m", "memory_swap": -1, "pids_limit": 0}]}""");

    JobSpec spec = job.spec();
    assertThat(spec.priority()).isEqualTo(5);
    assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(spec.callbackUrl()).isEqualTo("http://127.0.0.1:9/hook");
    TaskSpec first = spec.task(1);
    assertThat(first.continueOnError()).isTrue();
    assertThat(first.network()).isEqualTo("none");
    assertThat(first.limits()).isEqualTo(new Limits(2.0, 2048L << 20, 4L << 30, 64L));
    assertThat(spec.task(2).continueOnError()).isFalse();
    assertThat(spec.task(2).limits()).isEqualTo(new Limits(0.5, 512L << 20, -1L, null));
  }

  @Test
  void acceptsWhatHadesIgnoresAndSaysSo() {
    Reply reply = build("""
        {"name": "client", "volumes": [], "steps": [{"id": 1, "image": "busybox", "workingDir": "/tmp",
         "volumeMounts": [{"name": "x", "mountPath": "/x"}]}]}""");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(server.storedJobs()).isEqualTo(1);
    assertThat(reply.json().path("warnings").toString())
        .contains("volumes: ignored").contains("steps[0].workingDir: ignored: every step runs in /shared")
        .contains("steps[0].volumeMounts: ignored");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing name          | {"steps": [{"id": 1, "image": "busybox"}]}                                   | name: is required
      blank name            | {"name": " ", "steps": [{"id": 1, "image": "busybox"}]}                      | name: is required
      no steps              | {"name": "j"}                                                                | steps: a job needs at least one step
      empty steps           | {"name": "j", "steps": []}                                                   | steps: a job needs at least one step
      duplicate ids         | {"name": "j", "steps": [{"id": 1, "image": "a"}, {"id": 1, "image": "b"}]}   | steps[1].id: duplicate step id 1 (also steps[0].id)
      gap in ids            | {"name": "j", "steps": [{"id": 1, "image": "a"}, {"id": 3, "image": "b"}]}   | steps[1].id: step ids must be sequential from 1: expected 2, got 3
      ids not from 1        | {"name": "j", "steps": [{"id": 2, "image": "a"}]}                            | steps[0].id: step ids must be sequential from 1: expected 1, got 2
      missing id            | {"name": "j", "steps": [{"image": "a"}]}                                     | steps[0].id: is required
      id not a number       | {"name": "j", "steps": [{"id": "one", "image": "a"}]}                        | steps[0].id: must be a whole number
      missing image         | {"name": "j", "steps": [{"id": 1, "script": "true"}]}                        | steps[0].image: is required
      bad memory unit       | {"name": "j", "steps": [{"id": 1, "image": "a", "memory_limit": "512X"}]}    | steps[0].memory_limit: invalid size '512X'
      too little memory     | {"name": "j", "steps": [{"id": 1, "image": "a", "memory_limit": "1M"}]}      | steps[0].memory_limit: must be at least 6m
      bad cpu limit         | {"name": "j", "steps": [{"id": 1, "image": "a", "cpu_limit": "lots"}]}       | steps[0].cpu_limit: 'lots' is not a number of CPUs
      bad metadata name     | {"name": "j", "metadata": {"A-B": "1"}, "steps": [{"id": 1, "image": "a"}]}  | metadata.A-B: is not a valid environment variable name
      bad step metadata     | {"name": "j", "steps": [{"id": 1, "image": "a", "metadata": {"1X": "1"}}]}   | steps[0].metadata.1X: is not a valid environment variable name
      metadata not a map    | {"name": "j", "metadata": [1], "steps": [{"id": 1, "image": "a"}]}           | metadata: must be a map of names to strings
      negative timeout      | {"name": "j", "timeout_seconds": -1, "steps": [{"id": 1, "image": "a"}]}     | timeout_seconds: must be 0 (no timeout) or more
      callback not http     | {"name": "j", "callback_url": "file:///etc/passwd", "steps": [{"id": 1, "image": "a"}]} | callback_url: must be an http or https URL
      unknown fields        | {"name": "j", "colour": 1, "steps": [{"id": 1, "imgae": "a", "image": "a"}]} | unknown fields: colour, steps[0].imgae
      not JSON              | name: j                                                                      | malformed JSON
      a list, not an object | [1, 2]                                                                       | the document must be an object
      empty body            | ''                                                                           | the request body is empty
      """)
  void rejectsInvalidJobsWithAPlainMessageNamingTheField(String what, String json, String message) {
    Reply reply = build(json);

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).startsWith("text/plain");
    assertThat(reply.body()).contains(message);
    assertThat(server.storedJobs()).isZero();
  }

  @Test
  void rejectsABodyOverTheLimit() {
    Reply reply = build(HELLO.replace("\"Hello World\"", "\"" + "x".repeat(1 << 20) + "\""));
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.body()).contains("larger than the limit");
    assertThat(server.storedJobs()).isZero();
  }
}
