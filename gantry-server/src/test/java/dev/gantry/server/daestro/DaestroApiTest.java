package dev.gantry.server.daestro;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Daestro's {@code /v1/client/job} over an in-memory store: the request's rules and the answers' shapes. */
class DaestroApiTest {

  static final String DEFINITION = """
      {"name": "my-project::hello-world", "image": "busybox:latest", "command": ["echo", "Param::word", "Param::other"],
       "parameters": {"word": "default-word", "other": "default-other"},
       "env": {"FROM_DEFINITION": {"value": "d"}, "DEF_SECRET": {"value": "definition-secret-value", "sensitive": true}}}""";
  static final String SEED = """
      {
        "job_definition": "my-project::hello-world:1",
        "job_queue": "my-project::first-job-queue",
        "container_cmd": ["uname", "Param::subcommand"],
        "container_env": {
          "file": {"value": "https://example.com/paint.jpg"},
          "access_token": {"value": "sensitive-vars-will-be-encrypted", "sensitive": true}
        },
        "container_cmd_parameter": {"subcommand": "-a"}
      }""";

  private final TestServer server = new TestServer();

  @BeforeEach
  void definitionAndQueue() {
    assertThat(server.post("/definitions", "application/json", DEFINITION).status()).isEqualTo(201);
    Reply queue = server.send(HttpRequest.newBuilder(server.uri("/queues/my-project::first-job-queue"))
        .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{}")));
    assertThat(queue.status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply submit(String body) {
    return server.post("/v1/client/job", "application/json", body);
  }

  private String submitted(String body) {
    Reply reply = submit(body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.json().path("ok").asBoolean()).isTrue();
    return reply.json().path("data").path("id").asText();
  }

  private JsonNode detail(String id) {
    Reply reply = server.get("/v1/client/job/" + id);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("data");
  }

  @Test
  void theSeedsExampleIsAcceptedAsARunnableJobOfTheDefinitionInTheQueue() {
    String id = submitted(SEED);

    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    JsonNode job = detail(id);
    assertThat(job.path("id").asText()).isEqualTo(id);
    assertThat(job.path("state").asText()).isEqualTo("runnable");
    assertThat(job.path("system_note").isNull()).isTrue();
    assertThat(job.path("schedule_at").isNull()).isTrue();
    assertThat(job.path("created_at").asText()).endsWith("Z");
    // Listed and searched as Daestro's (dialect:daestro), with the other dialects' jobs.
    assertThat(server.jobs.job(id).spec().dialect()).isEqualTo("daestro");
    TaskSpec task = server.jobs.job(id).spec().task(1);
    assertThat(task.image()).isEqualTo("busybox:latest");
    assertThat(task.queue()).isEqualTo("my-project::first-job-queue");
    assertThat(task.cmd()).containsExactly("uname", "-a");
    assertThat(task.env()).containsEntry("file", "https://example.com/paint.jpg").containsEntry("FROM_DEFINITION", "d")
        .containsEntry("DAESTRO_JOB_ID", id).containsEntry("DAESTRO_JOB_QUEUE_NAME", "my-project::first-job-queue")
        .containsKeys("DAESTRO_JOB_RUN_ID", "DAESTRO_COMPUTE_ENV_NAME");
    assertThat(server.jobs.job(id).spec().secrets()).containsEntry("access_token", "sensitive-vars-will-be-encrypted")
        .containsEntry("DEF_SECRET", "definition-secret-value");
    // Seen by the native API too, without the sensitive values anywhere.
    for (String path : new String[] {"/jobs/" + id, "/jobs", "/v1/client/job/" + id, "/definitions"}) {
      assertThat(server.get(path).body()).as(path).doesNotContain("sensitive-vars-will-be-encrypted")
          .doesNotContain("definition-secret-value");
    }
  }

  @Test
  void paramsComeFromTheRequestThenTheDefinitionsDefaults() {
    String fromDefaults = submitted("{\"job_definition\": \"my-project::hello-world:1\", \"job_queue\": \"my-project::first-job-queue\"}");
    String mixed = submitted("{\"job_definition\": \"my-project::hello-world:1\", \"job_queue\": \"my-project::first-job-queue\","
        + " \"container_cmd_parameter\": {\"word\": \"given\"}}");

    assertThat(server.jobs.job(fromDefaults).spec().task(1).cmd()).containsExactly("echo", "default-word", "default-other");
    assertThat(server.jobs.job(mixed).spec().task(1).cmd()).containsExactly("echo", "given", "default-other");
  }

  @Test
  void badRequestsAre400InDaestrosShapeNamingTheFieldAndStoreNothing() {
    String queue = "\"job_queue\": \"my-project::first-job-queue\"";
    String[][] cases = {
        {"{" + queue + ", \"job_definition\": \"my-project::hello-world:1\", \"container_cmd\": [\"echo\", \"Param::missing\"]}",
            "container_cmd_parameter: no value for Param::missing"},
        {"{" + queue + ", \"job_definition\": \"my-project::nope:1\"}", "job_definition: no job definition 'my-project::nope'"},
        {"{" + queue + ", \"job_definition\": \"my-project::hello-world:7\"}", "job_definition: no version 7 of 'my-project::hello-world'"},
        {"{" + queue + ", \"job_definition\": \"hello-world\"}", "job_definition: must be project::definition:version"},
        {"{" + queue + "}", "job_definition: is required"},
        {"{\"job_definition\": \"my-project::hello-world:1\"}", "job_queue: is required"},
        {"{\"job_definition\": \"my-project::hello-world:1\", \"job_queue\": \"my-project::nobody\"}", "job_queue: no queue 'my-project::nobody'"},
        {"{" + queue + ", \"job_definition\": \"my-project::hello-world:1\", \"schedule_at\": \"tomorrow\"}", "schedule_at: must be an RFC 3339 time"},
        {"{" + queue + ", \"job_definition\": \"my-project::hello-world:1\", \"schedule_at\": -5}", "schedule_at: unix seconds must be between"},
        {"{" + queue + ", \"job_definition\": \"my-project::hello-world:1\", \"container_env\": {\"A\": \"x\"}}", "container_env.A: must be an object"},
        {"{" + queue + ", \"job_definition\": \"my-project::hello-world:1\", \"priority\": 1}", "priority: unknown field"},
        {"[1]", "the document must be an object"}};
    for (String[] bad : cases) {
      Reply reply = submit(bad[0]);
      assertThat(reply.status()).as(bad[0]).isEqualTo(400);
      assertThat(reply.json().path("ok").asBoolean(true)).as(bad[0]).isFalse();
      assertThat(reply.json().path("message").asText()).as(bad[0]).contains(bad[1]);
    }
    assertThat(server.storedJobs()).isZero();
  }

  @Test
  void aNameIsUniqueInItsQueue() {
    String named = "{\"job_definition\": \"my-project::hello-world:1\", \"job_queue\": \"my-project::first-job-queue\", \"name\": \"nightly\"}";
    submitted(named);

    Reply again = submit(named);

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().path("message").asText())
        .isEqualTo("name: a job named 'nightly' was submitted to queue 'my-project::first-job-queue' already: names are unique in their queue");
    assertThat(server.storedJobs()).isEqualTo(1);
  }

  @Test
  void aJobForLaterIsPendingWithItsScheduleAt() {
    Instant later = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String id = submitted("{\"job_definition\": \"my-project::hello-world:1\", \"job_queue\": \"my-project::first-job-queue\","
        + " \"schedule_at\": " + later.getEpochSecond() + "}");

    JsonNode job = detail(id);
    assertThat(job.path("state").asText()).isEqualTo("pending");
    assertThat(Instant.parse(job.path("schedule_at").asText())).isEqualTo(later);
    assertThat(server.jobs.runs(id)).isEmpty();
  }

  @Test
  void cancelWhileRunnableAndWhileRunningButNotOnceEnded() {
    String runnable = submitted(SEED);
    Reply cancelled = server.post("/v1/client/job/" + runnable + "/cancel", null, "");
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelled.json().path("data").path("state").asText()).isEqualTo("cancelled");

    String running = submitted(SEED);
    TaskRun claimed = server.worker.claim("my-project::first-job-queue");
    assertThat(claimed.jobId()).isEqualTo(running);
    assertThat(detail(running).path("state").asText()).isEqualTo("starting"); // claimed, no container yet
    server.store.containerStarted(claimed.id(), running, Instant.now());
    assertThat(detail(running).path("state").asText()).isEqualTo("running");
    Reply cancelling = server.post("/v1/client/job/" + running + "/cancel", null, "");
    assertThat(cancelling.status()).isEqualTo(200);
    assertThat(cancelling.json().path("data").path("state").asText()).isEqualTo("cancelling"); // its container still runs
    assertThat(server.jobs.runs(running)).extracting(TaskRun::state).containsExactly(RunState.CANCELLED);
    server.store.containerStopped(claimed.id(), Instant.now());
    assertThat(detail(running).path("state").asText()).isEqualTo("cancelled");

    Reply again = server.post("/v1/client/job/" + running + "/cancel", null, "");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().path("message").asText()).contains("is cancelled: only a queued or running job can be cancelled");
  }

  @Test
  void aJobWhoseContainerNeverStartedIsErrorWithItsNote() {
    String id = submitted(SEED);
    TaskRun run = server.worker.claim("my-project::first-job-queue");
    server.worker.end(run, RunState.FAILED, null, null, "image 'busybox:latest' is not present and the pull policy is NEVER");

    JsonNode job = detail(id);
    assertThat(job.path("state").asText()).isEqualTo("error");
    assertThat(job.path("system_note").asText()).contains("is not present");
    assertThat(job.path("updated_at").asText()).endsWith("Z");
  }

  @Test
  void unknownJobsAre404InDaestrosShape() {
    Reply unknown = server.get("/v1/client/job/0190f5a0-c0de-7000-8000-00000000abcd");
    Reply malformed = server.get("/v1/client/job/%00");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"ok\":false,\"message\":\"job 0190f5a0-c0de-7000-8000-00000000abcd not found\"}");
    assertThat(malformed.status()).isBetween(400, 404); // refused by the HTTP layer before any route
    assertThat(server.get("/v1/client/job/0190f5a0-c0de-7000-8000-00000000abcd/logs").status()).isEqualTo(404);
  }

  @Test
  void withAuthenticationOnASubmitNeedsABearerTokenAndIsRefusedInDaestrosShape() {
    try (TestServer secured = TestServer.withAuth()) {
      Reply anonymous = secured.post("/v1/client/job", "application/json", SEED);
      String bearer = "Bearer " + secured.adminToken;
      Reply definition = secured.send(HttpRequest.newBuilder(secured.uri("/definitions")).header("Authorization", bearer)
          .header("Content-Type", "application/json").POST(BodyPublishers.ofString(DEFINITION)));
      secured.send(HttpRequest.newBuilder(secured.uri("/queues/my-project::first-job-queue")).header("Authorization", bearer)
          .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{}")));
      Reply accepted = secured.send(HttpRequest.newBuilder(secured.uri("/v1/client/job")).header("Authorization", bearer)
          .header("Content-Type", "application/json").POST(BodyPublishers.ofString(SEED)));

      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.json().path("ok").asBoolean(true)).isFalse();
      assertThat(anonymous.json().path("message").asText()).isNotBlank();
      assertThat(definition.status()).isEqualTo(201);
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
      assertThat(secured.jobs.job(accepted.json().path("data").path("id").asText()).owner()).isEqualTo("admin");
    }
  }

  @Test
  void jobsAreListedByQueueAndStateNewestFirst() {
    String first = submitted(SEED);
    String second = submitted(SEED);
    server.post("/v1/client/job/" + first + "/cancel", null, "");
    server.submitted("name: native\ntasks: [{name: t, image: busybox, queue: 'my-project::first-job-queue'}]");

    JsonNode all = server.get("/v1/client/job").json().path("data");
    JsonNode inQueue = server.get("/v1/client/job?queue=my-project::first-job-queue").json().path("data");
    JsonNode runnable = server.get("/v1/client/job?queue=my-project::first-job-queue&state=runnable").json().path("data");
    JsonNode elsewhere = server.get("/v1/client/job?queue=my-project::other").json().path("data");

    assertThat(all.path("jobs").findValuesAsText("id")).containsExactly(second, first);
    assertThat(inQueue.path("jobs").findValuesAsText("id")).containsExactly(second, first);
    assertThat(runnable.path("jobs").findValuesAsText("id")).containsExactly(second);
    assertThat(elsewhere.path("jobs")).isEmpty();
    assertThat(all.path("page").asInt()).isEqualTo(1);
    Reply badState = server.get("/v1/client/job?state=sleeping");
    assertThat(badState.status()).isEqualTo(400);
    assertThat(badState.json().path("message").asText()).startsWith("state: 'sleeping' is no Daestro state");
    assertThat(server.get("/v1/client/job?page=0").status()).isEqualTo(400);
  }

  @Test
  void aNameStaysTakenAfterItsJobEnded() {
    String named = "{\"job_definition\": \"my-project::hello-world:1\", \"job_queue\": \"my-project::first-job-queue\", \"name\": \"once\"}";
    String first = submitted(named);
    assertThat(server.post("/v1/client/job/" + first + "/cancel", "application/json", "").status()).isEqualTo(200);
    assertThat(detail(first).path("state").asText()).isEqualTo("cancelled");

    Reply again = submit(named);

    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().path("message").asText()).startsWith("name: a job named 'once' was submitted to queue");
    // Another queue is another namespace.
    Reply queue = server.send(HttpRequest.newBuilder(server.uri("/queues/my-project::other"))
        .header("Content-Type", "application/json").PUT(BodyPublishers.ofString("{}")));
    assertThat(queue.status()).isEqualTo(200);
    submitted(named.replace("first-job-queue", "other"));
  }

  @Test
  void aDefinitionsRegistryPasswordBecomesASecretOfTheJobAndIsShownNowhere() {
    Reply made = server.post("/definitions", "application/json", """
        {"name": "my-project::private", "image": "127.0.0.1:5055/gantry/private-busybox:latest",
         "registry": {"username": "gantry", "password": "registry-password-value"}}""");
    assertThat(made.status()).as(made.body()).isEqualTo(201);

    String id = submitted("{\"job_definition\": \"my-project::private:1\", \"job_queue\": \"my-project::first-job-queue\"}");

    TaskSpec task = server.jobs.job(id).spec().task(1);
    assertThat(task.attachments().registry().username()).isEqualTo("gantry");
    assertThat(task.attachments().registry().password()).doesNotContain("registry-password-value");
    assertThat(server.jobs.job(id).spec().secrets()).containsValue("registry-password-value");
    for (String path : new String[] {"/jobs/" + id, "/jobs", "/v1/client/job/" + id, "/definitions/my-project::private/1"}) {
      assertThat(server.get(path).body()).as(path).doesNotContain("registry-password-value");
    }
  }

  @Test
  void aPrivilegedDefinitionsJobIsRefusedWhereTheOperatorDidNotAllowItNamingTheFlag() {
    // Stored where it was allowed (another server, or this one before a restart without the flag).
    server.definitionStore.insertNextVersion(new dev.gantry.core.definition.JobDefinition("my-project::privileged", 0,
        "busybox:latest", java.util.List.of("true"), java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), 0, null,
        Instant.now(), null, null, true));

    Reply refused = submit("{\"job_definition\": \"my-project::privileged:1\", \"job_queue\": \"my-project::first-job-queue\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).isEqualTo("tasks[0].privileged: privileged containers are not allowed"
        + " on this server (the operator can allow them with --allow-privileged)");
    assertThat(server.storedJobs()).isZero();
  }
}
