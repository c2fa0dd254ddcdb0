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
import java.util.List;
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

  /** The shape of Hades 1.0's own {@code RESTPayload}, as a Go client that reuses it sends it. */
  static final String HADES_1_0_PAYLOAD = """
      {"id": "00000000-0000-0000-0000-000000000000", "name": "full", "timestamp": "2026-08-20T10:00:00Z",
       "priority": 3, "metadata": {"REPO": "https://example.invalid/repo.git"}, "timeout_seconds": 60,
       "callback_url": "http://127.0.0.1:9/hook",
       "steps": [{"id": 1, "name": "build", "image": "busybox:latest", "script": "make", "continue_on_error": true,
                  "metadata": {"STEP": "one"}, "cpu_limit": 2, "memory_limit": "2048M", "memory_swap": "4G",
                  "pids_limit": 100, "network": "none"}]}""";

  @Test
  void acceptsHades10sOwnPayloadAndIgnoresTheClientsJobId() {
    Reply reply = build(HADES_1_0_PAYLOAD);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    String id = reply.json().path("job_id").asText();
    assertThat(id).isNotEqualTo("00000000-0000-0000-0000-000000000000").isEqualTo(reply.json().path("id").asText());
    JobSpec spec = server.jobs.job(id).spec();
    assertThat(spec.priority()).isEqualTo(3);
    assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(spec.callbackUrl()).isEqualTo("http://127.0.0.1:9/hook");
    assertThat(spec.env()).containsEntry("REPO", "https://example.invalid/repo.git");
    TaskSpec step = spec.task(1);
    assertThat(step.continueOnError()).isTrue();
    assertThat(step.network()).isEqualTo("none");
    assertThat(step.env()).containsEntry("STEP", "one").containsEntry("UUID", id);
    assertThat(step.limits()).isEqualTo(new Limits(2.0, 2048L << 20, 4L << 30, 100L));
    assertThat(reply.json().path("warnings").toString()).doesNotContain("priority");
  }

  @Test
  void aClientsJobIdMayBeAnyFormOfUuidOrNull() {
    for (String id : List.of("\"7f3a1c2b-0000-4000-8000-000000000001\"", "\"7F3A1C2B000040008000000000000001\"",
        "\"urn:uuid:7f3a1c2b-0000-4000-8000-000000000001\"", "\"{7f3a1c2b-0000-4000-8000-000000000001}\"", "null")) {
      Reply reply = build("{\"id\": " + id + ", \"name\": \"j\", \"steps\": [{\"id\": 1, \"image\": \"busybox\"}]}");
      assertThat(reply.status()).as(id + ": " + reply.body()).isEqualTo(200);
      assertThat(reply.json().path("job_id").asText()).doesNotContain("7f3a1c2b");
    }
  }

  @Test
  void keepsAnOlderGantrysWiderValues() {
    Job job = accepted("""
        {"name": "wide", "steps": [{"id": 1, "image": "busybox", "cpu_limit": "0.5", "memory_limit": "512m", "memory_swap": -1},
                                   {"id": 2, "image": "busybox", "cpu_limit": 1.5, "memory_limit": "1gb", "memory_swap": "1536m"}]}""");

    assertThat(job.spec().task(1).limits()).isEqualTo(new Limits(0.5, 512L << 20, -1L, null));
    assertThat(job.spec().task(2).limits()).isEqualTo(new Limits(1.5, 1L << 30, 1536L << 20, null));
  }

  @Test
  void zeroLimitsAndEmptyValuesMeanNone() {
    Job job = accepted("""
        {"name": "zeros", "timeout_seconds": 0, "callback_url": "",
         "steps": [{"id": 1, "image": "busybox", "cpu_limit": 0, "memory_limit": "0M", "pids_limit": 0, "network": ""}]}""");

    assertThat(job.spec().timeout()).isNull();
    assertThat(job.spec().callbackUrl()).isNull();
    assertThat(job.spec().task(1).limits()).isEqualTo(Limits.NONE);
    assertThat(job.spec().task(1).network()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"none", "bridge", "default", "build-net_1.a"})
  void takesEveryWellFormedNetworkMode(String network) {
    Job job = accepted("{\"name\": \"n\", \"steps\": [{\"id\": 1, \"image\": \"busybox\", \"network\": \"" + network + "\"}]}");
    assertThat(job.spec().task(1).network()).isEqualTo(network);
  }

  @Test
  void takesTheLongestTimeoutHadesTakes() {
    Job job = accepted("{\"name\": \"t\", \"timeout_seconds\": 9223372036, \"steps\": [{\"id\": 1, \"image\": \"busybox\"}]}");
    assertThat(job.spec().timeout()).isEqualTo(Duration.ofSeconds(9_223_372_036L));
  }

  @ParameterizedTest(name = "priority {0} is level {1}")
  @CsvSource({"9, 3", "3, 3", "2, 2", "1, 1", "0, 1", "-4, 1"})
  void priorityIsOneOfHadesThreeLevels(int priority, int level) {
    Job job = accepted("{\"name\": \"p\", \"priority\": " + priority + ", \"steps\": [{\"id\": 1, \"image\": \"busybox\"}]}");
    assertThat(job.spec().priority()).isEqualTo(level);
  }

  @Test
  void withoutPriorityAJobIsHighAsInHades() {
    Reply reply = build(HELLO);
    assertThat(server.jobs.job(reply.json().path("job_id").asText()).spec().priority()).isEqualTo(3);
    assertThat(reply.json().has("warnings")).isFalse();
  }

  @Test
  void acceptsFieldsHadesDoesNotKnowAndNamesThemInTheWarnings() {
    Reply reply = build("""
        {"name": "client", "colour": "blue", "volumes": [], "steps": [{"id": 1, "image": "busybox", "workingDir": "/tmp",
         "imgae": "busybox:1", "volumeMounts": [{"name": "x", "mountPath": "/x"}]}]}""");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(server.storedJobs()).isEqualTo(1);
    assertThat(reply.json().path("warnings")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
        "colour: ignored: not a field of a Hades job",
        "volumes: ignored: steps share only the job's /shared volume",
        "steps[0].workingDir: ignored: every step runs in /shared",
        "steps[0].imgae: ignored: not a field of a Hades job",
        "steps[0].volumeMounts: ignored: steps share only the job's /shared volume");
  }

  @Test
  void aHadesJobHasNoSecretsAndItsBracesAreTakenAsWritten() {
    Reply reply = build("""
        {"name": "no secrets", "secrets": {"token": "s3cr3t-value"}, "metadata": {"TOKEN": "{{ secrets.token }}"},
         "steps": [{"id": 1, "image": "busybox", "script": "echo {{ secrets.token }}"}]}""");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("warnings")).extracting(JsonNode::asText)
        .containsExactly("secrets: ignored: not a field of a Hades job");
    assertThat(reply.body()).doesNotContain("s3cr3t");
    Job job = server.jobs.job(reply.json().path("id").asText());
    assertThat(job.spec().secrets()).isEmpty();
    assertThat(job.spec().env()).containsEntry("TOKEN", "{{ secrets.token }}");
    assertThat(job.spec().task(1).run()).isEqualTo("echo {{ secrets.token }}");
    String status = server.get("/build/" + job.id() + "/status").body();
    assertThat(status).doesNotContain("s3cr3t").doesNotContain("secrets");
  }

  @Test
  void namesTheFirstTwentyIgnoredFieldsAndCountsTheRest() {
    StringBuilder fields = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      fields.append("\"f").append(i).append("\": ").append(i).append(", ");
    }
    Reply reply = build("{" + fields + "\"name\": \"many\", \"steps\": [{\"id\": 1, \"image\": \"busybox\"}]}");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode warnings = reply.json().path("warnings");
    assertThat(warnings).hasSize(21);
    assertThat(warnings.path(19).asText()).isEqualTo("f20: ignored: not a field of a Hades job");
    assertThat(warnings.path(20).asText()).isEqualTo("and 10 more fields ignored");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      duplicate ids  | [{"id": 1, "name": "a", "image": "a"}, {"id": 1, "name": "b", "image": "b"}] | a, b
      a gap in ids   | [{"id": 3, "name": "a", "image": "a"}, {"id": 1, "name": "b", "image": "b"}] | a, b
      no ids         | [{"name": "a", "image": "a"}, {"name": "b", "image": "b"}]                   | a, b
      ids 0 and -1   | [{"id": 0, "name": "a", "image": "a"}, {"id": -1, "name": "b", "image": "b"}] | a, b
      """)
  void stepsWhoseIdsAreNotOneToNRunAsListedAsInHades10(String what, String steps, String order) {
    Reply reply = build("{\"name\": \"j\", \"steps\": " + steps + "}");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    Job job = server.jobs.job(reply.json().path("id").asText());
    assertThat(job.spec().tasks()).extracting(TaskSpec::name).containsExactly(order.split(", "));
    assertThat(reply.json().path("warnings").toString()).contains("steps: the ids are not 1..2 each once, so the steps run in the order they are listed");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing name          | {"steps": [{"id": 1, "image": "busybox"}]}                                   | name: "name" is required
      empty name            | {"name": "", "steps": [{"id": 1, "image": "busybox"}]}                       | name: "name" is required
      blank name            | {"name": " ", "steps": [{"id": 1, "image": "busybox"}]}                      | name: is required
      no steps              | {"name": "j"}                                                                | steps: a job needs at least one step
      empty steps           | {"name": "j", "steps": []}                                                   | steps: a job needs at least one step
      id not a number       | {"name": "j", "steps": [{"id": "one", "image": "a"}]}                        | steps[0].id: must be a whole number
      job id not a uuid     | {"id": "abc", "name": "j", "steps": [{"id": 1, "image": "a"}]}               | id: must be a UUID
      job id a number       | {"id": 7, "name": "j", "steps": [{"id": 1, "image": "a"}]}                   | id: must be a UUID
      missing image         | {"name": "j", "steps": [{"id": 1, "script": "true"}]}                        | steps[0].image: is required
      bad memory unit       | {"name": "j", "steps": [{"id": 1, "image": "a", "memory_limit": "512X"}]}    | steps[0].memory_limit: Failed to parse RAM limit: invalid size '512X'
      too little memory     | {"name": "j", "steps": [{"id": 1, "image": "a", "memory_limit": "1M"}]}      | steps[0].memory_limit: must be at least 6m
      bad swap unit         | {"name": "j", "steps": [{"id": 1, "image": "a", "memory_limit": "1G", "memory_swap": "2Q"}]} | steps[0].memory_swap: Failed to parse memory_swap limit: invalid size '2Q'
      swap without memory   | {"name": "j", "steps": [{"id": 1, "image": "a", "memory_swap": "2G"}]}       | steps[0].memory_swap: memory_swap requires memory_limit to be set
      swap below memory     | {"name": "j", "steps": [{"id": 1, "image": "a", "memory_limit": "2G", "memory_swap": "1G"}]} | steps[0].memory_swap: memory_swap must be greater than or equal to memory_limit
      negative pids         | {"name": "j", "steps": [{"id": 1, "image": "a", "pids_limit": -1}]}          | steps[0].pids_limit: pids_limit cannot be negative
      pids not a number     | {"name": "j", "steps": [{"id": 1, "image": "a", "pids_limit": 1.5}]}         | steps[0].pids_limit: must be a whole number
      bad cpu limit         | {"name": "j", "steps": [{"id": 1, "image": "a", "cpu_limit": "lots"}]}       | steps[0].cpu_limit: 'lots' is not a number of CPUs
      negative cpu limit    | {"name": "j", "steps": [{"id": 1, "image": "a", "cpu_limit": -1}]}           | steps[0].cpu_limit: '-1' is not a number of CPUs
      network with a space  | {"name": "j", "steps": [{"id": 1, "image": "a", "network": "no ne"}]}        | steps[0].network: invalid network mode: must be none, bridge, host, default, or a valid network name
      network with a slash  | {"name": "j", "steps": [{"id": 1, "image": "a", "network": "bad/slash"}]}    | steps[0].network: invalid network mode
      network leading dash  | {"name": "j", "steps": [{"id": 1, "image": "a", "network": "-net"}]}         | steps[0].network: invalid network mode
      bad metadata name     | {"name": "j", "metadata": {"A-B": "1"}, "steps": [{"id": 1, "image": "a"}]}  | metadata.A-B: is not a valid environment variable name
      bad step metadata     | {"name": "j", "steps": [{"id": 1, "image": "a", "metadata": {"1X": "1"}}]}   | steps[0].metadata.1X: is not a valid environment variable name
      metadata not a map    | {"name": "j", "metadata": [1], "steps": [{"id": 1, "image": "a"}]}           | metadata: must be a map of names to strings
      negative timeout      | {"name": "j", "timeout_seconds": -1, "steps": [{"id": 1, "image": "a"}]}     | timeout_seconds: timeout_seconds cannot be negative
      timeout too long      | {"name": "j", "timeout_seconds": 9223372037, "steps": [{"id": 1, "image": "a"}]} | timeout_seconds: timeout_seconds must not exceed 9223372036
      timeout a word        | {"name": "j", "timeout_seconds": "long", "steps": [{"id": 1, "image": "a"}]} | timeout_seconds: must be a whole number
      priority a word       | {"name": "j", "priority": "high", "steps": [{"id": 1, "image": "a"}]}        | priority: must be a whole number
      bad timestamp         | {"name": "j", "timestamp": "yesterday", "steps": [{"id": 1, "image": "a"}]}  | timestamp: 'yesterday' is not an RFC 3339 time
      callback not http     | {"name": "j", "callback_url": "file:///etc/passwd", "steps": [{"id": 1, "image": "a"}]} | callback_url: Invalid callback_url: callback URL scheme must be http or https
      callback relative     | {"name": "j", "callback_url": "/hook", "steps": [{"id": 1, "image": "a"}]}   | callback_url: Invalid callback_url: callback URL must be absolute
      callback without host | {"name": "j", "callback_url": "http:/hook", "steps": [{"id": 1, "image": "a"}]} | callback_url: Invalid callback_url: callback URL must include a host
      callback unparseable  | {"name": "j", "callback_url": "http://a b/", "steps": [{"id": 1, "image": "a"}]} | callback_url: Invalid callback_url: callback URL is not parseable
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
