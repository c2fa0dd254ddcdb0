package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.server.hostile.DaestroCorpus;
import dev.gantry.server.hostile.DefinitionCorpus;
import dev.gantry.server.hostile.HadesCorpus;
import dev.gantry.server.hostile.HostileChecks;
import dev.gantry.server.hostile.Mutations;
import dev.gantry.server.hostile.ProtocolCorpus;
import dev.gantry.server.hostile.ReadCorpus;
import dev.gantry.server.hostile.ScheduleCorpus;
import dev.gantry.server.hostile.ShellCorpus;
import dev.gantry.server.hostile.SourcehutCorpus;
import dev.gantry.server.hostile.SubmitCorpus;
import dev.gantry.server.hostile.UiCorpus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed and adversarial requests to every endpoint of every dialect the server speaks: each
 * is answered 4xx with a message (never 5xx), no rejected submit leaves anything stored, and the
 * server stays healthy. TestServer's close also fails on any error logged meanwhile.
 */
class HostileInputTest {

  /** Fixed, so that a failure can be replayed; change it (-Dgantry.hostile.seed) to explore. */
  private static final long SEED = Long.getLong("gantry.hostile.seed", 20261125L);
  private static final int MUTANTS = Integer.getInteger("gantry.hostile.mutants", 400);

  private final TestServer server = new TestServer();
  private final HostileChecks checks = new HostileChecks(server.uri("/").getPort(), server::storedJobs);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void hostileJobDocumentsAreRejectedAndNothingIsStored() {
    checks.batch("native submits", SubmitCorpus.requests("/jobs"));
    assertThat(checks.violations()).isEmpty();
    assertThat(server.storedJobs()).isLessThanOrEqualTo(2); // the smuggling-style and the lone-surrogate ones may store one each
  }

  @Test
  void hostileIdsPagingSearchesAndMethodsAreAnswered4xx() {
    String job = server.submitted("name: known\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n");
    String run = server.jobs.runs(job).get(0).id();
    checks.batch("native reads", ReadCorpus.nativeRequests(job, run));
    checks.batch("shells", ShellCorpus.requests(job));
    assertThat(checks.violations()).isEmpty();
  }

  @Test
  void hostileScheduledJobsAreAnswered4xxAndNothingIsStored() {
    String known = server.post("/scheduled-jobs", "text/yaml",
        "name: known\nschedule: {cron: '@daily'}\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n")
        .json().path("id").asText();
    HostileChecks schedules = new HostileChecks(server.uri("/").getPort(),
        () -> server.store.listSchedules(1, 1).totalItems());
    schedules.batch("scheduled jobs", ScheduleCorpus.requests(known))
        .batch("job documents as scheduled jobs", SubmitCorpus.requests("/scheduled-jobs"));
    assertThat(schedules.violations()).isEmpty();
    assertThat(server.store.listSchedules(1, 1).totalItems()).isEqualTo(1);
    assertThat(server.storedJobs()).isZero();
  }

  @Test
  void hostileHadesBuildsAndLookupsAreAnswered4xxAndNothingIsStored() {
    String known = server.post("/build", "application/json",
        "{\"name\":\"known\",\"steps\":[{\"id\":1,\"name\":\"s\",\"image\":\"busybox:latest\",\"script\":\"true\"}]}")
        .json().path("id").asText();
    checks.batch("Hades", HadesCorpus.requests()).batch("Hades resume positions", HadesCorpus.resumeRequests(known));
    assertThat(checks.violations()).isEmpty();
    // the known build, each document Hades 1.0 accepts, and perhaps the lone-surrogate one
    assertThat(server.storedJobs()).isBetween(1L + HadesCorpus.acceptedByHadesCount(), 2L + HadesCorpus.acceptedByHadesCount());
  }

  @Test
  void hostileDefinitionsAreAnswered4xxAndNothingIsStored() {
    server.post("/definitions", "application/json", "{\"name\": \"p::known\", \"image\": \"busybox:latest\"}");
    HostileChecks definitions = new HostileChecks(server.uri("/").getPort(),
        () -> server.definitionStore.definitionVersions("p::h").size() + server.definitionStore.latestDefinitions().size());
    definitions.batch("definitions", DefinitionCorpus.requests());
    assertThat(definitions.violations()).isEmpty();
    assertThat(server.definitionStore.latestDefinitions()).hasSize(1);
  }

  @Test
  void hostileDaestroSubmitsAndLookupsAreAnswered4xxAndNothingIsStored() {
    server.post("/definitions", "application/json", "{\"name\": \"p::known\", \"image\": \"busybox:latest\"}");
    server.send(java.net.http.HttpRequest.newBuilder(server.uri("/queues/p::queue")).header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
    String known = server.post("/v1/client/job", "application/json",
        "{\"job_definition\": \"p::known:1\", \"job_queue\": \"p::queue\", \"name\": \"known\"}").json().path("data").path("id").asText();
    checks.batch("Daestro", DaestroCorpus.requests("p::known:1", "p::queue", known));
    assertThat(checks.violations()).isEmpty();
    assertThat(server.storedJobs()).isEqualTo(1);
  }

  @Test
  void hostileUiFileNamesAndCrossSiteStateChangesAreAnswered4xxAndNothingIsStored() {
    checks.batch("web UI and cross-site", UiCorpus.requests());
    assertThat(checks.violations()).isEmpty();
    assertThat(server.storedJobs()).isZero();
    assertThat(server.store.listSchedules(1, 1).totalItems()).isZero();
  }

  @Test
  void hostileSourcehutBuildsAndLookupsAreAnswered4xxAndNothingIsStored() {
    long known = server.post("/api/jobs", "application/json",
        "{\"manifest\":\"image: alpine/latest\\ntasks:\\n  - build: echo hi\\n\",\"execute\":false}").json().path("id").asLong();
    checks.batch("sourcehut", SourcehutCorpus.requests(known));
    assertThat(checks.violations()).isEmpty();
    assertThat(server.storedJobs()).isEqualTo(1);
  }

  @Test
  void requestsThatAreBrokenAsHttpAreAnswered4xx() {
    checks.batch("protocol", ProtocolCorpus.requests());
    assertThat(checks.violations()).isEmpty();
  }

  @Test
  void mutatedJobsAreStoredOnceOrRejectedCleanly() {
    checks.batch("mutants", Mutations.requests("/jobs", SEED, MUTANTS));
    assertThat(checks.violations()).as("seed %d", SEED).isEmpty();
    assertThat(checks.sent()).isEqualTo(MUTANTS);
  }
}
