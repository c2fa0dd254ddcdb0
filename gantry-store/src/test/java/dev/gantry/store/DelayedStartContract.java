package dev.gantry.store;

import static dev.gantry.store.TestJobs.T0;
import static dev.gantry.store.TestJobs.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.LocalSignals;
import dev.gantry.core.engine.StartReleaser;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.testing.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delayed starts on every database: SCHEDULED until the time, then queued exactly once. */
public abstract class DelayedStartContract extends EmptyDatabaseContract {

  private final SettableClock clock = new SettableClock(T0);
  private final LocalSignals signals = new LocalSignals();
  private JobService jobs;

  @BeforeEach
  void startJobs() {
    jobs = new JobService(store, signals, clock);
  }

  private static JobSpec spec() {
    return new JobSpec("later", null, List.of(), Map.of(), List.of(task("t")));
  }

  @Test
  void aJobForLaterWaitsScheduledWithoutRunsUntilItsTime() {
    Job job = jobs.submit(Principal.SYSTEM, "job-later", spec(), T0.plusSeconds(5));

    assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(store.runsOf(job.id())).isEmpty();
    assertThat(jobs.startOf(Principal.SYSTEM, job.id())).contains(T0.plusSeconds(5));
    clock.advance(Duration.ofMillis(4_999));
    new StartReleaser(store, signals, clock).run();
    assertThat(store.findJob(job.id()).orElseThrow().state()).isEqualTo(JobState.SCHEDULED);

    clock.advance(Duration.ofMillis(1));
    new StartReleaser(store, signals, clock).run();
    new StartReleaser(store, signals, clock).run();

    assertThat(store.findJob(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    assertThat(store.runsOf(job.id())).singleElement().satisfies(run -> {
      assertThat(run.state()).isEqualTo(RunState.QUEUED);
      assertThat(run.createdAt()).isEqualTo(T0.plusSeconds(5));
    });
    assertThat(store.dueStarts(clock.instant(), 10)).isEmpty();
    assertThat(jobs.startOf(Principal.SYSTEM, job.id())).contains(T0.plusSeconds(5));
  }

  @Test
  void aJobForLaterWhoseFirstTaskIsAParallelStartsItsTasksWithTheJobsPriorityAndItsRow() {
    JobSpec parallel = dev.gantry.core.spec.JobSpecReader.read("""
        name: later in parallel
        defaults: {priority: 6}
        tasks:
          - name: both
            parallel:
              tasks: [{name: a, image: busybox}, {name: b, image: busybox}]
          - {name: after, image: busybox}
        """, dev.gantry.core.spec.JobDocuments.Format.YAML);
    Job job = jobs.submit(Principal.SYSTEM, "job-parallel", parallel, T0.plusSeconds(5));
    assertThat(store.runsOf(job.id())).isEmpty();

    clock.advance(Duration.ofSeconds(5));
    new StartReleaser(store, signals, clock).run();

    assertThat(store.findJob(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    assertThat(store.runsOf(job.id())).extracting(r -> r.path() + " " + r.name() + " " + r.state() + " " + r.priority())
        .containsExactly("0.0 a QUEUED 6", "0.1 b QUEUED 6");
    List<dev.gantry.core.job.CompositeNode> rows = store.inTransaction(tx ->
        tx.nodes(job.id(), List.of(dev.gantry.core.job.NodePath.top(1))));
    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.state()).isEqualTo(RunState.RUNNING);
      assertThat(row.total()).isEqualTo(2);
    });
  }

  @Test
  void aStartTimeThatHasComeQueuesAtOnce() {
    Job job = jobs.submit(Principal.SYSTEM, "job-now", spec(), T0.minusSeconds(1));

    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(store.runsOf(job.id())).hasSize(1);
    assertThat(jobs.startOf(Principal.SYSTEM, job.id())).isEmpty();
  }

  @Test
  void aCancelledScheduledJobIsNeverStarted() {
    Job job = jobs.submit(Principal.SYSTEM, "job-cancelled", spec(), T0.plusSeconds(5));
    jobs.cancel(job.id());
    clock.advance(Duration.ofSeconds(10));

    new StartReleaser(store, signals, clock).run();

    assertThat(store.findJob(job.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    assertThat(store.runsOf(job.id())).isEmpty();
    assertThat(store.dueStarts(clock.instant(), 10)).isEmpty();
  }

  @Test
  void releasersRacingStartEachJobOnce() throws Exception {
    for (int i = 0; i < 20; i++) {
      jobs.submit(Principal.SYSTEM, "job-" + i, spec(), T0.plusSeconds(1));
    }
    clock.advance(Duration.ofSeconds(2));

    StoreContract.runConcurrently(6, () -> {
      new StartReleaser(store, signals, clock).run();
      return null;
    });

    for (int i = 0; i < 20; i++) {
      assertThat(store.runsOf("job-" + i)).as("job-" + i).hasSize(1);
      assertThat(store.findJob("job-" + i).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }
  }
}
