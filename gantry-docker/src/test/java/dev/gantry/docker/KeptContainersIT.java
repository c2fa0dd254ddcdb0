package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.RunScope;
import dev.gantry.core.spi.RuntimeResource;
import dev.gantry.core.spi.TaskExecution;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run's ended containers stay on the engine after its scope is closed, until its outcome is
 * stored ({@code endRun}): a worker killed in between leaves them for its next start to collect the
 * outcome from. Removal is asked for only then, or left to the leftover sweeper when the outcome
 * could not be stored.
 */
class KeptContainersIT extends WithDockerEngine {

  private static DockerRuntime observed;
  /** The containers the runtime handed over for removal, in order. */
  private static final List<String> removed = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void observedRuntime() {
    if (docker != null && runtime != null) {
      observed = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER), removed::add);
    }
  }

  @AfterAll
  static void closeObserved() {
    if (observed != null) {
      observed.close();
    }
  }

  @Test
  void aClosedScopesContainersAreRemovedOnlyOnceTheRunsOutcomeIsStored() {
    String job = newJob();
    TaskExecution main = execution(job, TestTask.script("echo main"));
    TaskExecution pre = new TaskExecution(job, main.runId(), main.nodeId(), TestTask.script("echo pre").build(), main.env(),
        "pre-0", null);
    RecordingSink sink = new RecordingSink();
    try (RunScope scope = observed.open(main, sink, new Cancellation())) {
      assertThat(scope.run(pre).exitCode()).isZero();
      assertThat(scope.run(main).exitCode()).isZero();
    }
    List<String> kept = containersOf(job);

    assertThat(kept).as("both containers, exited, still on the engine").hasSize(2);
    assertThat(removed).as("no removal asked for before the outcome is stored").doesNotContainAnyElementsOf(kept);

    observed.endRun(main.runId(), true);

    assertThat(removed).containsAll(kept);
    awaitNoContainers(job);
  }

  @Test
  void anOutcomeNotStoredLeavesTheContainersToTheLeftoverSweeper() {
    String job = newJob();
    TaskExecution main = execution(job, TestTask.script("echo main"));
    try (RunScope scope = observed.open(main, new RecordingSink(), new Cancellation())) {
      assertThat(scope.run(main).exitCode()).isZero();
    }
    observed.endRun(main.runId(), false);
    observed.endRun(main.runId(), true); // forgotten: a later call removes nothing

    List<String> kept = containersOf(job);
    assertThat(kept).hasSize(1);
    assertThat(removed).doesNotContainAnyElementsOf(kept);
    observed.remove(new RuntimeResource(RuntimeResource.Kind.CONTAINER, kept.get(0), job, main.runId())); // as the sweeper does
    awaitNoContainers(job);
  }

  @Test
  void aLoneContainerRunOutsideAScopeIsRemovedAsBefore() {
    String job = newJob();
    TaskExecution main = execution(job, TestTask.script("echo alone"));
    assertThat(observed.run(main, new RecordingSink(), new Cancellation()).exitCode()).isZero();
    awaitNoContainers(job);
  }
}
