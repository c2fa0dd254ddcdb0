package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.auth.AccessDeniedException;
import dev.gantry.core.auth.JobAccess;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.testing.InMemoryStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A job stored HELD (builds.sr.ht's execute: false) and started later, through Progression as any first task. */
class HeldStartTest {

  private final InMemoryStore store = new InMemoryStore();
  private final JobService jobs = new JobService(store, new LocalSignals(), Clock.systemUTC());
  private final Set<Scope> readWrite = Set.of(Scope.JOBS_READ, Scope.JOBS_WRITE);
  private final Principal alice = new Principal("alice", readWrite);
  private final Principal bob = new Principal("bob", readWrite);
  private final Principal carol = new Principal("carol", readWrite);

  private static JobSpec aJob(JobAccess access) {
    return new JobSpec("j", null, List.of(), Map.of(), List.of(new TaskSpec("t", null, "busybox:latest", "true", List.of(),
        List.of(), Map.of(), Map.of(), null, null, 0, null, null, null)), null, 7, null, Map.of(), null, false, Map.of(),
        access);
  }

  @Test
  void aHeldJobHasNoRunUntilItsStartQueuesItsFirstTaskOnce() {
    Job held = jobs.submitHeld(alice, aJob(JobAccess.PRIVATE));
    assertThat(held.state()).isEqualTo(JobState.HELD);
    assertThat(store.runsOf(held.id())).isEmpty();

    Job started = jobs.start(alice, held.id());

    assertThat(started.state()).isEqualTo(JobState.QUEUED);
    List<TaskRun> runs = store.runsOf(held.id());
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).priority()).isEqualTo(7);
    assertThatThrownBy(() -> jobs.start(alice, held.id())).isInstanceOf(JobStateException.class);
    assertThat(store.runsOf(held.id())).hasSize(1);
  }

  @Test
  void onlyTheOwnerAndTheJobsWritersStartIt() {
    Job held = jobs.submitHeld(alice, aJob(new JobAccess(Set.of(JobAccess.user("carol")), Set.of(JobAccess.user("bob")))));

    assertThatThrownBy(() -> jobs.start(carol, held.id())).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("may see job");
    assertThatThrownBy(() -> jobs.start(new Principal("dave", readWrite), held.id())).isInstanceOf(NotFoundException.class);
    assertThat(store.findJob(held.id()).orElseThrow().state()).isEqualTo(JobState.HELD);

    assertThat(jobs.start(bob, held.id()).state()).isEqualTo(JobState.QUEUED);
  }
}
