package dev.gantry.bench;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.store.JdbcStore;
import dev.gantry.store.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Fills a store with finished jobs through the Store port directly (the API would take minutes
 * for 100,000): each has one task and one SUCCEEDED run, as a busy installation's history does.
 * One job in {@value #RARE_EVERY} carries the word {@value #RARE_WORD} in its name.
 */
final class JobSeeder {

  static final String RARE_WORD = "canary";
  static final int RARE_EVERY = 100;
  private static final int PER_TRANSACTION = 1_000;
  private static final String[] WORDS = {"build", "test", "deploy", "nightly", "lint", "package", "release", "docs"};

  /** Built through the reader, as a submitted job is, so the seeded specs are valid ones. */
  private static final JobSpec TEMPLATE = JobSpecReader.read(
      "{\"name\":\"seed\",\"tasks\":[{\"name\":\"step\",\"image\":\"busybox:latest\",\"network\":\"none\",\"run\":\"true\"}]}",
      Format.JSON);

  private final Random random = new Random(42);
  private final List<String> sampleIds = new ArrayList<>();

  /**
   * Inserts {@code count} jobs, oldest first, then lets PostgreSQL settle; returns how long the
   * inserts took in seconds.
   */
  double seed(StoreSettings settings, int count) throws SQLException {
    long start = System.nanoTime();
    Instant first = Instant.parse("2026-01-01T00:00:00Z");
    try (JdbcStore store = JdbcStore.open(settings)) {
      for (int from = 0; from < count; from += PER_TRANSACTION) {
        int to = Math.min(count, from + PER_TRANSACTION);
        int batchStart = from;
        store.inTransaction(tx -> {
          for (int i = batchStart; i < to; i++) {
            Job job = job(i, first.plusSeconds(i));
            tx.insertJob(job);
            tx.insertRun(run(job));
          }
          return null;
        });
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    settle(settings);
    return seconds;
  }

  /**
   * Does on PostgreSQL what autovacuum does within a minute or so of a bulk load: table statistics
   * and the visibility map. Without them the planner had no idea of 100,000 new rows and sorted a
   * sequential scan for a deep page (47 ms) where the index answers (4.5 ms): the figure would
   * measure the minute after a bulk import, not a running installation.
   */
  private static void settle(StoreSettings settings) throws SQLException {
    if (!settings.url().startsWith("jdbc:postgresql:")) {
      return; // H2 analyzes its tables itself as rows change
    }
    try (Connection connection = settings.user() == null ? DriverManager.getConnection(settings.url())
            : DriverManager.getConnection(settings.url(), settings.user(), settings.password());
        Statement statement = connection.createStatement()) {
      statement.execute("vacuum analyze jobs, job_words, job_tags, task_runs, job_count");
    }
  }

  /** Up to 1,000 ids of seeded jobs, spread over the whole history. */
  List<String> sampleIds() {
    return sampleIds;
  }

  private Job job(int i, Instant createdAt) {
    String id = UUID.randomUUID().toString().replace("-", "");
    if (i % 100 == 0) {
      sampleIds.add(id);
    }
    String name = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)]
        + (i % RARE_EVERY == 7 ? " " + RARE_WORD : "") + " #" + i;
    JobSpec spec = new JobSpec(name, "seeded by the Gantry bench", List.of("seeded"), Map.of(), TEMPLATE.tasks());
    Instant started = createdAt.plusMillis(100);
    return Job.queued(id, spec, createdAt).running(started).succeeded("ok", createdAt.plusMillis(900));
  }

  private static TaskRun run(Job job) {
    String id = UUID.randomUUID().toString().replace("-", "");
    return TaskRun.queued(id, job.id(), 1, 1, 0, 0, "step", TaskSpec.DEFAULT_QUEUE, job.createdAt())
        .claimed("seeder", job.startedAt(), job.startedAt().plusSeconds(15))
        .finished(RunState.SUCCEEDED, 0, "ok", null, job.completedAt());
  }
}
