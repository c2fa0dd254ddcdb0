package dev.gantry.server.daestro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.RunContainer;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Daestro's starting and cancelling, from a job's runs and what is recorded of their containers. */
class DaestroStatesTest {

  private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");
  private static final String JOB = "01a2000000007000800000000000000a";
  private static final JobSpec SPEC = new JobSpec("j", null, List.of(), Map.of(), List.of(new TaskSpec("t", null,
      "busybox:latest", null, List.of("true"), List.of(), Map.of(), Map.of(), null, null, 0, null, null, null)));

  private final Job queued = Job.queued(JOB, SPEC, T0);
  private final TaskRun claimed = TaskRun.queued("run1", JOB, 1, 1, 0, 0, "t", "default", T0)
      .claimed("node-1", T0.plusSeconds(1), T0.plusSeconds(30));

  @Test
  void aClaimedRunWithoutAContainerIsStartingThenRunningOnceOneStarted() {
    Job running = queued.running(T0.plusSeconds(1));

    assertThat(DaestroStates.of(running, List.of(claimed), List.of())).isEqualTo("starting");
    assertThat(DaestroStates.of(running, List.of(claimed), List.of(new RunContainer("run1", JOB, T0.plusSeconds(2), null))))
        .isEqualTo("running");
    assertThat(DaestroStates.of(queued, List.of(), List.of())).isEqualTo("runnable");
  }

  @Test
  void aCancelledRunIsCancellingUntilItsContainerIsSeenGone() {
    Job cancelled = queued.running(T0.plusSeconds(1)).cancelled(T0.plusSeconds(5));
    TaskRun ended = claimed.finished(RunState.CANCELLED, null, null, "cancelled", T0.plusSeconds(5));

    assertThat(DaestroStates.of(cancelled, List.of(ended), List.of(new RunContainer("run1", JOB, T0.plusSeconds(2), null))))
        .isEqualTo("cancelling");
    assertThat(DaestroStates.of(cancelled, List.of(ended),
        List.of(new RunContainer("run1", JOB, T0.plusSeconds(2), T0.plusSeconds(8))))).isEqualTo("cancelled");
    // Cancelled before any container of it started: nothing to wait for.
    assertThat(DaestroStates.of(cancelled, List.of(ended), List.of())).isEqualTo("cancelled");
  }

  @Test
  void aRunThatEndedByItselfKeepsNoStopTimeAndIsNoCancelling() {
    Job done = queued.running(T0.plusSeconds(1)).succeeded(null, T0.plusSeconds(4));
    TaskRun ended = claimed.finished(RunState.SUCCEEDED, 0, null, null, T0.plusSeconds(4));

    assertThat(DaestroStates.of(done, List.of(ended), List.of(new RunContainer("run1", JOB, T0.plusSeconds(2), null))))
        .isEqualTo("completed");
  }
}
