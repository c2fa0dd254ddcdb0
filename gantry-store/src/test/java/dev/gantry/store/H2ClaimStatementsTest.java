package dev.gantry.store;

import static dev.gantry.store.TestJobs.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.Job;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.Webhook;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a claim costs, counted by H2's own query statistics: a claim of a run whose job has no
 * task webhooks runs exactly the statements it ran before they existed (the candidates' read and
 * the conditional update), and only a run whose job has task.StateChange webhooks pays for them
 * (its job's read and the calls' insert).
 */
class H2ClaimStatementsTest {

  @TempDir Path dataDir;
  private JdbcStore store;
  private Connection statistics;

  @BeforeEach
  void open() throws SQLException {
    StoreSettings settings = StoreSettings.h2File(dataDir);
    store = JdbcStore.open(settings);
    statistics = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
  }

  @AfterEach
  void close() throws SQLException {
    statistics.close();
    store.close();
  }

  @Test
  void aClaimReadsNoJobAndWritesNoCallUnlessTheJobHasTaskWebhooks() throws SQLException {
    Job plain = queuedWith(new JobSpec("plain", null, List.of(), Map.of(), List.of(task("t")), null, null, null));
    Job hooked = queuedWith(new JobSpec("hooked", null, List.of(), Map.of(), List.of(task("t")), null, null, null)
        .withWebhooksAndAutoDelete(List.of(new Webhook("https://hooks.example.com/t", Map.of(),
            Webhook.TASK_STATE_CHANGE, null)), null));
    Job jobHooked = queuedWith(new JobSpec("job hooks only", null, List.of(), Map.of(), List.of(task("t")), null, null,
        null).withWebhooksAndAutoDelete(List.of(new Webhook("https://hooks.example.com/j", Map.of(), null, null)), null));

    long plainClaim = statementsOfClaim(plain);
    long jobHookedClaim = statementsOfClaim(jobHooked);
    long hookedClaim = statementsOfClaim(hooked);

    assertThat(plainClaim).as("the queues' settings, the candidates, the update of the one taken...").isPositive();
    assertThat(jobHookedClaim).as("job webhooks are not about a run's start").isEqualTo(plainClaim);
    assertThat(hookedClaim).as("and read its job, insert the RUNNING call").isEqualTo(plainClaim + 2);
    assertThat(store.deliveriesOf(hooked.id())).extracting(d -> d.subjectState()).contains("RUNNING");
  }

  private Job queuedWith(JobSpec spec) {
    Job job = Job.queued(TestJobs.newId(), spec, TestJobs.T0);
    store.inTransaction(tx -> {
      tx.insertJob(job);
      tx.insertRuns(List.of(TestJobs.aRun(job).queue("q-" + job.id()).build()));
      return null;
    });
    return job;
  }

  /** How many statements (other than these counts and connection set-up) the claim of {@code job}'s run ran. */
  private long statementsOfClaim(Job job) throws SQLException {
    Instant now = Instant.now();
    return H2StatementCount.of(statistics,
        () -> assertThat(store.claimNext(Set.of("q-" + job.id()), "node", now, now.plusSeconds(60))).isPresent());
  }
}
