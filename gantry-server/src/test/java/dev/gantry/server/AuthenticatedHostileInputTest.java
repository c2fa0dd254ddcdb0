package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.server.hostile.AuthCorpus;
import dev.gantry.server.hostile.HadesCorpus;
import dev.gantry.server.hostile.HostileChecks;
import dev.gantry.server.hostile.HostileRequest;
import dev.gantry.server.hostile.ReadCorpus;
import dev.gantry.server.hostile.ScheduleCorpus;
import dev.gantry.server.hostile.SubmitCorpus;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input promises with authentication on: garbage credentials on every route are a
 * 4xx (never a 5xx, never let in), malformed token requests make no token, and the job and
 * scheduled-job corpora sent with a valid credential are still refused cleanly.
 */
class AuthenticatedHostileInputTest {

  private final TestServer server = TestServer.withAuth();
  private final HostileChecks checks = new HostileChecks(server.uri("/").getPort(), server::storedJobs);

  @AfterEach
  void stop() {
    server.close();
  }

  private List<HostileRequest> asAdmin(List<HostileRequest> requests) {
    return requests.stream().map(r -> r.authorized("Bearer " + server.adminToken)).toList();
  }

  @Test
  void garbageCredentialsOnEveryRouteAreRefused() {
    List<String[]> routes = server.routes().stream().filter(r -> !r.open())
        .map(r -> new String[] {r.method(), r.path().replaceAll("\\{[^}]+}", "x")}).toList();
    checks.batch("credentials", AuthCorpus.credentialRequests(routes));
    assertThat(checks.violations()).isEmpty();
    assertThat(checks.sent()).isGreaterThan(routes.size() * 20);
    assertThat(server.storedJobs()).isZero();
    assertThat(server.tokenStore.tokens(null)).hasSize(1);
  }

  @Test
  void malformedTokenRequestsAreAnswered4xxAndMakeNoToken() {
    checks.batch("token requests", AuthCorpus.tokenRequests("Bearer " + server.adminToken));
    assertThat(checks.violations()).isEmpty();
    assertThat(server.tokenStore.tokens(null)).hasSize(1);
  }

  @Test
  void malformedUserAndRoleRequestsAreAnswered4xxAndMakeNothing() {
    checks.batch("user and role requests", AuthCorpus.userRequests("Bearer " + server.adminToken));
    assertThat(checks.violations()).isEmpty();
    assertThat(server.store.roles()).isEmpty();
    assertThat(server.store.passwordHash("a")).isEmpty();
  }

  @Test
  void hostileJobsAndReadsWithAValidCredentialAreRefusedCleanly() {
    String job = submitted();
    String run = server.jobs.runs(job).get(0).id();
    checks.batch("native submits", asAdmin(SubmitCorpus.requests("/jobs")))
        .batch("native reads", asAdmin(ReadCorpus.nativeRequests(job, run)))
        .batch("Hades", asAdmin(HadesCorpus.requests()));
    assertThat(checks.violations()).isEmpty();
  }

  @Test
  void hostileScheduledJobsWithAValidCredentialAreRefusedCleanly() {
    TestServer.Reply made = server.send(HttpRequest.newBuilder(server.uri("/scheduled-jobs"))
        .header("Authorization", "Bearer " + server.adminToken).header("Content-Type", "text/yaml")
        .POST(HttpRequest.BodyPublishers.ofString(
            "name: known\nschedule: {cron: '@daily'}\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n")));
    assertThat(made.status()).as(made.body()).isEqualTo(200);
    HostileChecks schedules = new HostileChecks(server.uri("/").getPort(), () -> server.store.listSchedules(1, 1).totalItems());
    schedules.batch("scheduled jobs", asAdmin(ScheduleCorpus.requests(made.json().path("id").asText())))
        .batch("job documents as scheduled jobs", asAdmin(SubmitCorpus.requests("/scheduled-jobs")));
    assertThat(schedules.violations()).isEmpty();
    assertThat(server.store.listSchedules(1, 1).totalItems()).isEqualTo(1);
    assertThat(server.storedJobs()).isZero();
  }

  private String submitted() {
    TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri("/jobs"))
        .header("Authorization", "Bearer " + server.adminToken).header("Content-Type", "text/yaml")
        .POST(HttpRequest.BodyPublishers.ofString("name: known\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n")));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("id").asText();
  }
}
