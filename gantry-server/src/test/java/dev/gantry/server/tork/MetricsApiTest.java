package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import dev.gantry.server.metrics.PrometheusText;
import dev.gantry.server.metrics.PrometheusText.Family;
import dev.gantry.server.metrics.PrometheusText.Sample;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Tork's JSON by default, Prometheus' text formats when the Accept header asks, over real HTTP. */
class MetricsApiTest {

  /** What Prometheus' scraper (2.x) sends. */
  private static final String SCRAPER_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
      + "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply metrics(String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/metrics")).GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    return server.send(request);
  }

  private String aRunningJob() {
    String id = server.submitted("name: running\ntasks: [{name: t, image: busybox}]");
    server.worker.claim();
    return id;
  }

  @Test
  void jsonIsTorksShape() {
    aRunningJob();
    server.submitted("name: waiting\ntasks: [{name: t, image: busybox}]");
    server.store.saveNode(Node.starting("w1", NodeRole.WORKER, "h1", "1", Set.of("default"), NOW, Duration.ofSeconds(5))
        .heartbeat(NOW, Duration.ofSeconds(5), 20, 1));
    server.store.saveNode(Node.starting("w2", NodeRole.WORKER, "h2", "1", Set.of("default"), NOW, Duration.ofSeconds(5))
        .heartbeat(NOW, Duration.ofSeconds(5), 40, 0));
    server.store.saveNode(Node.starting("w3", NodeRole.WORKER, "h3", "1", Set.of("default"), NOW, Duration.ofSeconds(5))
        .offline(NOW));

    for (String accept : new String[] {null, "*/*", "application/json", "text/html,application/xhtml+xml,*/*;q=0.8",
        "text/plain;q=0, application/json"}) {
      Reply reply = metrics(accept);

      assertThat(reply.status()).as(accept).isEqualTo(200);
      assertThat(reply.header("Content-Type")).as(accept).startsWith("application/json");
      assertThat(reply.body()).as(accept)
          .isEqualTo("{\"jobs\":{\"running\":1},\"tasks\":{\"running\":1},\"nodes\":{\"online\":2,\"cpuPercent\":30.0}}");
    }
  }

  @Test
  void jsonOfAnEmptyClusterIsZeros() {
    assertThat(metrics(null).body())
        .isEqualTo("{\"jobs\":{\"running\":0},\"tasks\":{\"running\":0},\"nodes\":{\"online\":0,\"cpuPercent\":0.0}}");
  }

  @Test
  void prometheusTextParsesStrictlyAndHasEveryPart() {
    String running = aRunningJob();
    String waiting = server.submitted("name: waiting\ntasks: [{name: t, image: busybox, queue: gpu}]");
    TaskRun run = server.jobs.runs(running).get(0);
    server.worker.log(run, 1, "héllo\n"); // 7 bytes of UTF-8
    assertThat(server.get("/jobs/" + running).status()).isEqualTo(200);
    assertThat(server.get("/jobs/" + waiting).status()).isEqualTo(200);
    assertThat(server.get("/jobs/no-such-job").status()).isEqualTo(404);

    Reply reply = metrics("text/plain");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    Map<String, Family> families = PrometheusText.parse(reply.body());
    assertThat(families).containsKeys("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
        "process_cpu_usage", "process_uptime_seconds");
    // Requests by route template: both job ids are one series, the unknown one another status.
    List<Sample> jobGets = samples(families, "http_server_requests_seconds", "http_server_requests_seconds_count",
        Map.of("method", "GET", "uri", "/jobs/{id}"));
    assertThat(jobGets).extracting(s -> s.labels().get("status") + "=" + s.value())
        .containsExactlyInAnyOrder("200=2.0", "404=1.0");
    assertThat(reply.body()).doesNotContain(running).doesNotContain("no-such-job");
    assertThat(value(families, "gantry_jobs", Map.of("state", "running"))).isEqualTo(1);
    assertThat(value(families, "gantry_jobs", Map.of("state", "queued"))).isEqualTo(1);
    assertThat(value(families, "gantry_jobs", Map.of("state", "succeeded"))).isEqualTo(0);
    assertThat(value(families, "gantry_queue_runs", Map.of("queue", "gpu", "state", "queued"))).isEqualTo(1);
    assertThat(value(families, "gantry_queue_runs", Map.of("queue", "default", "state", "running"))).isEqualTo(1);
    assertThat(value(families, "gantry_log_bytes_total", Map.of())).isEqualTo(7);
    assertThat(value(families, "gantry_log_parts_total", Map.of())).isEqualTo(1);
    assertThat(families.get("gantry_jobs").help()).isNotBlank();
  }

  @Test
  void openMetricsWhenTheScraperPrefersIt() {
    aRunningJob();
    server.get("/jobs");

    Reply reply = metrics(SCRAPER_ACCEPT);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/openmetrics-text; version=1.0.0");
    Map<String, Family> families = PrometheusText.parseOpenMetrics(reply.body());
    assertThat(families).containsKeys("jvm_memory_used_bytes", "http_server_requests_seconds", "gantry_jobs",
        "gantry_log_bytes");
    assertThat(samples(families, "http_server_requests_seconds", "http_server_requests_seconds_count",
        Map.of("method", "GET", "uri", "/jobs", "status", "200"))).extracting(Sample::value).containsExactly(1.0);
  }

  private static List<Sample> samples(Map<String, Family> families, String family, String name, Map<String, String> labels) {
    assertThat(families).containsKey(family);
    return families.get(family).samples().stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())).toList();
  }

  private static double value(Map<String, Family> families, String name, Map<String, String> labels) {
    List<Sample> matching = samples(families, name, name, labels);
    assertThat(matching).as(name + labels).hasSize(1);
    return matching.get(0).value();
  }
}
