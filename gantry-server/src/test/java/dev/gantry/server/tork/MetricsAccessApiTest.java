package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.TokenRequest;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import dev.gantry.server.metrics.PrometheusText;
import dev.gantry.server.metrics.PrometheusText.Family;
import dev.gantry.server.metrics.PrometheusText.Sample;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} with authentication on, over real HTTP: each user's job counts hold only
 * the jobs it may read (its own, public ones), an admin's all of them, in Tork's JSON and in
 * Prometheus' text; nodes and queues are every reader's.
 */
class MetricsAccessApiTest {

  private final TestServer server = TestServer.withAuth();

  @AfterEach
  void stop() {
    server.close();
  }

  private String token(String user, Scope... scopes) {
    return "Bearer " + server.tokens.create(Principal.SYSTEM, new TokenRequest(user, "t", Set.of(scopes), null)).secret();
  }

  private Reply call(String method, String path, String authorization, String accept, String yaml) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
        .method(method, yaml == null ? BodyPublishers.noBody() : BodyPublishers.ofString(yaml))
        .header("Authorization", authorization);
    if (yaml != null) {
      request.header("Content-Type", "text/yaml");
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    return server.send(request);
  }

  private void submit(String authorization, String name, String permissions) {
    Reply reply = call("POST", "/jobs", authorization, null, "name: " + name + "\n" + permissions
        + "tasks: [{name: t, image: busybox}]\n");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  @Test
  void eachUserCountsOnlyTheJobsItMayReadAndAnAdminCountsAll() {
    String alice = token("alice", Scope.JOBS_READ, Scope.JOBS_WRITE);
    String bob = token("bob", Scope.JOBS_READ, Scope.JOBS_WRITE);
    String admin = "Bearer " + server.adminToken;
    // The worker claims the oldest queued run: each running job is claimed before the next is submitted.
    submit(alice, "alice running", "");
    server.worker.claim();
    submit(bob, "bob running", "");
    server.worker.claim();
    submit(alice, "alice waiting", "");
    submit(bob, "bob public", "permissions: [{user: '*'}]\n");
    submit(bob, "bob private", "");

    assertThat(call("GET", "/metrics", alice, null, null).body())
        .startsWith("{\"jobs\":{\"running\":1},\"tasks\":{\"running\":2},");
    assertThat(call("GET", "/metrics", bob, null, null).body()).startsWith("{\"jobs\":{\"running\":1},");
    assertThat(call("GET", "/metrics", admin, null, null).body()).startsWith("{\"jobs\":{\"running\":2},");

    // Prometheus: alice sees her 2 and bob's public one; bob his 3; the admin all 5. The queue's runs are everyone's.
    Map<String, Family> ofAlice = scrape(alice);
    assertThat(jobs(ofAlice, "running")).isEqualTo(1);
    assertThat(jobs(ofAlice, "queued")).isEqualTo(2);
    assertThat(value(ofAlice, "gantry_queue_runs", Map.of("queue", "default", "state", "queued"))).isEqualTo(3);
    Map<String, Family> ofBob = scrape(bob);
    assertThat(jobs(ofBob, "running")).isEqualTo(1);
    assertThat(jobs(ofBob, "queued")).isEqualTo(2);
    Map<String, Family> ofAdmin = scrape(admin);
    assertThat(jobs(ofAdmin, "running")).isEqualTo(2);
    assertThat(jobs(ofAdmin, "queued")).isEqualTo(3);
    // And alice's again after the admin's: the gauges hold the numbers of the last scraper only while it reads them.
    assertThat(jobs(scrape(alice), "queued")).isEqualTo(2);

    String carol = token("carol", Scope.JOBS_WRITE);
    assertThat(call("GET", "/metrics", carol, null, null).status()).isEqualTo(403);
    assertThat(call("GET", "/metrics", carol, "text/plain", null).status()).isEqualTo(403);
  }

  private Map<String, Family> scrape(String authorization) {
    Reply reply = call("GET", "/metrics", authorization, "text/plain", null);
    assertThat(reply.status()).isEqualTo(200);
    return PrometheusText.parse(reply.body());
  }

  private static double jobs(Map<String, Family> families, String state) {
    return value(families, "gantry_jobs", Map.of("state", state));
  }

  private static double value(Map<String, Family> families, String name, Map<String, String> labels) {
    List<Sample> matching = families.get(name).samples().stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
    assertThat(matching).as(name + labels).hasSize(1);
    return matching.get(0).value();
  }
}
