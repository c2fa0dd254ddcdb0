package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spi.RuntimeResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The crash soak with separate processes on PostgreSQL: a server and two workers (each with its
 * data dir, so a restarted worker takes its running tasks over), each killed with SIGKILL at
 * random moments and started again at once, while jobs of 1 to 3 tasks that hand a file on
 * through {@code /shared} are submitted. Each task appends its name to {@code /shared/ran} and the
 * last one returns the file: a task run twice shows there. Then checks that every accepted job
 * completed, each task ran once, and nothing of these jobs is left in the engine.
 */
final class ClusterCrashSoak {

  /** How big a soak: jobs submitted, kills, pause between submits; {@code seed} picks the moments and victims. */
  record Plan(int jobs, int kills, Duration submitEvery, long seed) {}

  private static final String LEASE = "60s";

  private final Plan plan;
  private final GantryProcesses processes;
  private final Path dataDir;
  private final Random random;
  private final SoakReport report = new SoakReport();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private volatile Http http;
  private final List<String> kills = new ArrayList<>();

  ClusterCrashSoak(Plan plan, GantryProcesses processes, Path dataDir) {
    this.plan = plan;
    this.processes = processes;
    this.dataDir = dataDir;
    this.random = new Random(plan.seed());
  }

  List<String> kills() {
    return kills;
  }

  SoakReport run() throws Exception {
    long began = System.nanoTime();
    GantryProcess server = server();
    GantryProcess[] workers = {worker(1), worker(2)};
    http = server.http();
    AtomicBoolean submitting = new AtomicBoolean(true);
    Thread submitter = new Thread(() -> submitAll(submitting), "soak-submitter");
    submitter.start();
    try {
      for (int k = 0; k < plan.kills(); k++) {
        Thread.sleep(2_000 + random.nextInt(4_000)); // a random moment: mid-claim, mid-task, mid-submit
        int victim = random.nextInt(3);
        if (victim == 0) {
          server.kill();
          server = server();
          http = server.http();
          kills.add("server");
        } else {
          workers[victim - 1].kill();
          workers[victim - 1] = worker(victim);
          kills.add("worker " + victim);
        }
        report.kills++;
      }
      submitter.join(Duration.ofMinutes(5).toMillis());
      awaitAllEnded(Duration.ofSeconds(120).plus(Duration.ofSeconds(plan.jobs())));
      check();
    } finally {
      submitting.set(false);
    }
    report.seconds = (System.nanoTime() - began) / 1e9;
    return report;
  }

  private GantryProcess server() {
    return processes.server("--heartbeat", "1s").awaitStarted();
  }

  private GantryProcess worker(int n) {
    return processes.worker("--heartbeat", "1s", "--lease", LEASE, "--concurrency", "4", "--queues", "soak",
        "--data-dir", dataDir.resolve("worker-" + n).toString()).awaitStarted();
  }

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
          report.failedSubmits++;
        }
        sleep(100);
      }
      sleep(plan.submitEvery().toMillis());
    }
  }

  /** Tasks t1..tn: each appends its name to /shared/ran (after a short sleep or none); the last returns the file. */
  private String job(int i) {
    StringBuilder yaml = new StringBuilder("name: cluster soak " + i + "\ntags: [cluster-soak]\ntasks:\n");
    int tasks = 1 + random.nextInt(3);
    for (int t = 1; t <= tasks; t++) {
      String pause = random.nextBoolean() ? "" : "sleep 0." + (1 + random.nextInt(9)) + "; ";
      String last = t == tasks ? "; cat /shared/ran > $GANTRY_OUTPUT" : "";
      yaml.append("  - {name: t").append(t).append(", image: 'busybox:latest', network: none, queue: soak, run: '")
          .append(pause).append("echo t").append(t).append(" >> /shared/ran").append(last).append("'}\n");
    }
    return yaml.toString();
  }

  private void awaitAllEnded(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<String> open = new LinkedHashSet<>(storedJobIds());
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      open.removeIf(id -> StandaloneFixture.ENDED.contains(http.job(id).path("state").asText()));
      Thread.sleep(500);
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
    if (!state.equals("COMPLETED")) {
      report.violation("job " + id + " did not complete: " + state + " " + job.path("error").asText(""));
      return;
    }
    int tasks = job.path("taskCount").asInt();
    List<String> ran = Arrays.asList(job.path("result").asText().strip().split("\n"));
    List<String> once = new ArrayList<>();
    for (int t = 1; t <= tasks; t++) {
      once.add("t" + t);
    }
    for (JsonNode run : job.path("execution")) {
      report.runs++;
      if (run.path("error").asText().contains("lost")) {
        report.lostRuns++;
      }
    }
    // A lost worker's task is taken over by its next process, or collected from its ended container:
    // it never runs again, not even right after itself.
    if (!ran.equals(once)) {
      report.violation("job " + id + ": its tasks ran " + ran + ", not once each in order " + once);
    }
  }

  private Set<String> storedJobIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (int page = 1; ; page++) {
      JsonNode items = http.get("/jobs?q=tag:cluster-soak&size=20&page=" + page).body().path("items");
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
