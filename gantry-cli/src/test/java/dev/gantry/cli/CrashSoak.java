package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spi.RuntimeResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Submits jobs to a standalone process while killing it with SIGKILL at random moments and
 * starting it again on the same data; then checks that every accepted job ended, none was lost,
 * no task position succeeded twice, and no container or volume of these jobs was left behind.
 */
final class CrashSoak {

  /** How big a soak: jobs submitted, kills, pause between submits; {@code seed} picks the moments. */
  record Plan(int jobs, int kills, Duration submitEvery, long seed) {}

  private static final Duration START = Duration.ofSeconds(60);
  private static final String LEASE = "3s";

  private final Plan plan;
  private final Path dataDir;
  private final Random random;
  private final SoakReport report = new SoakReport();
  private final Set<String> accepted = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile Http http;

  CrashSoak(Plan plan, Path dataDir) {
    this.plan = plan;
    this.dataDir = dataDir;
    this.random = new Random(plan.seed());
  }

  SoakReport run() throws Exception {
    long began = System.nanoTime();
    StandaloneProcess gantry = new StandaloneProcess(dataDir, "--lease", LEASE, "--slots", "4");
    http = gantry.start(START);
    AtomicBoolean submitting = new AtomicBoolean(true);
    Thread submitter = new Thread(() -> submitAll(submitting), "soak-submitter");
    submitter.start();
    try {
      for (int k = 0; k < plan.kills(); k++) {
        Thread.sleep(1_500 + random.nextInt(3_000)); // a random moment: mid-claim, mid-task, mid-submit
        gantry.killNine();
        report.kills++;
        http = gantry.start(START);
      }
      submitter.join(Duration.ofMinutes(10).toMillis());
      awaitAllEnded(Duration.ofSeconds(90).plus(Duration.ofSeconds(plan.jobs())));
      check();
    } finally {
      submitting.set(false);
      gantry.stop();
    }
    report.seconds = (System.nanoTime() - began) / 1e9;
    return report;
  }

  /** Submits the plan's jobs, retrying each until it is accepted (a retried one may be stored twice: both must end). */
  private void submitAll(AtomicBoolean submitting) {
    for (int i = 0; i < plan.jobs() && submitting.get(); i++) {
      String yaml = job(i);
      while (submitting.get()) {
        try {
          Http.Response response = http.postYaml("/jobs", yaml);
          if (response.status() == 200) {
            accepted.add(response.body().path("id").asText());
            break;
          }
        } catch (RuntimeException downOrCut) {
          // Refused while down, or cut mid-request by a kill: the job may or may not be stored.
          report.failedSubmits++;
        }
        sleep(100);
      }
      sleep(plan.submitEvery().toMillis());
    }
  }

  private String job(int i) {
    StringBuilder yaml = new StringBuilder("name: soak " + i + "\ntags: [soak]\ntasks:\n");
    int tasks = 1 + random.nextInt(3);
    for (int t = 1; t <= tasks; t++) {
      String run = random.nextBoolean() ? "true" : "sleep 0." + (1 + random.nextInt(9));
      yaml.append("  - {name: t").append(t).append(", image: 'busybox:latest', network: none, run: '").append(run).append("'}\n");
    }
    return yaml.toString();
  }

  private void awaitAllEnded(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> open = new LinkedHashSet<>(storedJobIds());
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      open.removeIf(id -> StandaloneFixture.ENDED.contains(http.job(id).path("state").asText()));
      Thread.sleep(250);
    }
  }

  private void check() throws InterruptedException {
    Set<String> stored = storedJobIds();
    report.accepted = accepted.size();
    report.stored = stored.size();
    for (String id : accepted) {
      if (!stored.contains(id)) {
        report.violation("job " + id + " was accepted but is not stored");
      }
    }
    for (String id : stored) {
      checkJob(id, http.job(id));
    }
    try (var docker = Services.docker()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      List<RuntimeResource> left;
      while (!(left = docker.resources().stream().filter(r -> stored.contains(r.jobId())).toList()).isEmpty()
          && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      report.leftovers = left.size();
      left.forEach(r -> report.violation("left behind: " + r));
    }
  }

  private void checkJob(String id, JsonNode job) {
    String state = job.path("state").asText();
    report.finalStates.merge(state, 1, Integer::sum);
    if (!StandaloneFixture.ENDED.contains(state)) {
      report.violation("job " + id + " did not end: " + state);
    } else if (state.equals("FAILED") && !job.path("error").asText().contains("lost")) {
      report.violation("job " + id + " failed for another reason than lost workers: " + job.path("error").asText());
    }
    Map<Integer, Integer> succeeded = new HashMap<>();
    for (JsonNode run : job.path("execution")) {
      report.runs++;
      if (run.path("error").asText().contains("lost")) {
        report.lostRuns++;
      }
      String runState = run.path("state").asText();
      if (runState.equals("COMPLETED") && succeeded.merge(run.path("position").asInt(), 1, Integer::sum) > 1) {
        report.violation("job " + id + ": task " + run.path("position").asInt() + " succeeded more than once");
      }
      if (!StandaloneFixture.ENDED.contains(runState)) {
        report.violation("job " + id + " ended " + state + " with a run still " + runState);
      }
    }
  }

  private Set<String> storedJobIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (int page = 1; ; page++) {
      JsonNode items = http.get("/jobs?q=tag:soak&size=20&page=" + page).body().path("items");
      items.forEach(item -> ids.add(item.path("id").asText()));
      if (items.size() < 20) {
        return ids;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
