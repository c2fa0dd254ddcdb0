package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure step that makes a task runnable: what it inserts and where it leaves the job. */
class ProgressionActivationTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private static TaskSpec task(String name, Map<String, String> env, boolean continueOnError, String condition) {
    return new TaskSpec(name, null, "busybox", "true", List.of(), List.of(), env, Map.of(), null, null, 0, null, null,
        null, continueOnError, null, condition);
  }

  private static Job job(boolean templated, String output, TaskSpec... tasks) {
    return Job.queued("j1", new JobSpec("j", null, List.of(), Map.of(), List.of(tasks), null, null, null,
        Map.of("a", "b"), output, templated), NOW);
  }

  @Test
  void aJobWithoutTemplatesQueuesItsTaskAsWritten() {
    Progression outcome = Progression.submitted(job(false, null,
        task("t", Map.of("A", "{{ taken as written }}"), false, "false")), NOW);
    assertThat(outcome.insertedRuns()).singleElement().satisfies(run -> {
      assertThat(run.state()).isEqualTo(RunState.QUEUED);
      assertThat(run.task()).isNull();
    });
    assertThat(outcome.failure()).isNull();
  }

  @Test
  void aTaskThatContinuesOnErrorLetsTheJobGoOnPastItsFailedTemplate() {
    Progression outcome = Progression.submitted(job(true, null,
        task("broken", Map.of("X", "{{ tasks.none.x }}"), true, null), task("next", Map.of(), false, null)), NOW);
    assertThat(outcome.insertedRuns()).extracting(TaskRun::state).containsExactly(RunState.FAILED, RunState.QUEUED);
    assertThat(outcome.insertedRuns().get(0).error()).startsWith("tasks[0].env.X: cannot fetch x from nil");
    assertThat(outcome.job().state()).isEqualTo(JobState.QUEUED);
    assertThat(outcome.job().position()).isEqualTo(2);
    assertThat(outcome.failure()).isNull();
  }

  @Test
  void skippingTheLastTasksCompletesTheJobWithItsOutput() {
    Progression outcome = Progression.submitted(job(true, "{{ inputs.a }}{{ job.id }}",
        task("one", Map.of(), false, "false"), task("two", Map.of(), false, "{{ 'fal' + 'se' }}")), NOW);
    assertThat(outcome.insertedRuns()).extracting(TaskRun::state).containsExactly(RunState.SKIPPED, RunState.SKIPPED);
    assertThat(outcome.insertedRuns()).extracting(TaskRun::task).first().as("nothing evaluated changed the first").isNull();
    assertThat(outcome.insertedRuns().get(1).task().condition()).isEqualTo("false");
    assertThat(outcome.job().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(outcome.job().result()).isEqualTo("bj1");
  }

  @Test
  void aFailingOutputFailsTheJobAndSaysSo() {
    Progression outcome = Progression.submitted(job(true, "{{ int('x') }}",
        task("one", Map.of(), false, "false")), NOW);
    assertThat(outcome.job().state()).isEqualTo(JobState.FAILED);
    assertThat(outcome.job().error()).isEqualTo("output: int: 'x' is not an integer at column 1 of {{ int('x') }}");
    assertThat(outcome.failure()).isNotNull();
  }
}
