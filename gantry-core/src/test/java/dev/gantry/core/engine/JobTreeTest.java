package dev.gantry.core.engine;

import static dev.gantry.core.testing.ScriptedRuntime.fails;
import static dev.gantry.core.testing.ScriptedRuntime.runsUntilCancelled;
import static dev.gantry.core.testing.ScriptedRuntime.succeeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.ScriptedRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parallel, each and pre/post through the engine (worker, progression, store): the job as a tree. */
class JobTreeTest {

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStore store = new InMemoryStore();
  private final LocalSignals signals = new LocalSignals();
  private final ScriptedRuntime runtime = new ScriptedRuntime();
  private final JobService jobs = new JobService(store, signals, clock);
  private Worker worker;

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  private void startWorker(int slots) {
    worker = new Worker(store, runtime, new RunProgress(store, signals, clock, 3), signals, clock,
        new WorkerSettings("n1", Set.of(TaskSpec.DEFAULT_QUEUE), slots, Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(1)));
    worker.start();
  }

  private Job submit(String yaml) {
    return jobs.submit(JobSpecReader.read(yaml, Format.YAML));
  }

  private Job awaitEnd(String jobId) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> jobs.job(jobId), job -> job.state().isTerminal());
  }

  private List<String> executedNames() {
    return runtime.executed().stream().map(e -> e.task().name()).toList();
  }

  /** Waits (with a deadline) until {@code count} tasks wait on it together: proof that they ran at once. */
  private static ScriptedRuntime.Script meets(CountDownLatch all) {
    return (execution, logs, cancellation) -> {
      all.countDown();
      return all.await(10, TimeUnit.SECONDS) ? TaskOutcome.exited(0, execution.task().name(), "")
          : TaskOutcome.exited(1, null, "the others never came");
    };
  }

  @Test
  void aParallelRunsItsTasksAtOnceAndTheJobGoesOnWhenAllHaveCompleted() {
    CountDownLatch three = new CountDownLatch(3);
    runtime.when("a", meets(three)).when("b", meets(three)).when("c", meets(three));
    startWorker(4);
    Job job = submit("""
        name: fan out
        tasks:
          - name: together
            parallel:
              tasks:
                - {name: a, image: busybox, var: a}
                - {name: b, image: busybox}
                - {name: c, image: busybox}
          - name: after
            image: busybox
            env: {A: "{{ tasks.a }}"}
        """);
    Job done = awaitEnd(job.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.position()).as("Tork's COMPLETED position").isEqualTo(done.taskCount() + 1).isEqualTo(3);
    assertThat(executedNames()).hasSize(4).endsWith("after");
    assertThat(runtime.executed().get(3).env()).containsEntry("A", "a");
    List<TaskRun> runs = jobs.runs(job.id());
    assertThat(runs).extracting(r -> r.path().toString()).containsExactly("0.0", "0.1", "0.2", "1");
    assertThat(runs).extracting(TaskRun::state).containsOnly(RunState.SUCCEEDED);
  }

  @Test
  void aFailingTaskFailsItsParallelCancelsItsSiblingsAndARestartRunsTheParallelAgain() {
    AtomicInteger slowRunning = new AtomicInteger();
    runtime.when("slow", (execution, logs, cancellation) -> {
      slowRunning.incrementAndGet();
      return runsUntilCancelled().run(execution, logs, cancellation);
    });
    runtime.when("bad", (execution, logs, cancellation) -> {
      await().atMost(Duration.ofSeconds(10)).until(() -> slowRunning.get() > 0);
      return fails(3, "broken").run(execution, logs, cancellation);
    });
    startWorker(4);
    Job job = submit("""
        name: one fails
        tasks:
          - name: first
            image: busybox
          - name: both
            parallel:
              tasks:
                - {name: slow, image: busybox}
                - {name: bad, image: busybox}
          - name: never
            image: busybox
        """);
    Job failed = awaitEnd(job.id());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.error()).isEqualTo("exit code 3: broken");
    assertThat(failed.position()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> worker.runningCount() == 0);
    List<TaskRun> runs = jobs.runs(job.id());
    assertThat(runs).extracting(TaskRun::name, TaskRun::state).containsExactly(
        org.assertj.core.groups.Tuple.tuple("first", RunState.SUCCEEDED),
        org.assertj.core.groups.Tuple.tuple("slow", RunState.CANCELLED),
        org.assertj.core.groups.Tuple.tuple("bad", RunState.FAILED));
    assertThat(executedNames()).doesNotContain("never");

    runtime.when("slow", succeeds("s")).when("bad", succeeds("b"));
    jobs.restart(job.id());
    Job again = awaitEnd(job.id());
    assertThat(again.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(executedNames()).as("the first task is not run again").containsOnlyOnce("first").contains("never");
    assertThat(jobs.runs(job.id())).extracting(TaskRun::name).containsExactly("first", "slow", "slow", "bad", "bad",
        "never");
  }

  @Test
  void anEachOf200ElementsRunsAtMost4AtOnceAndKeepsEveryResult() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    runtime.when("double", (execution, logs, cancellation) -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(2); // the task's own work, long enough for others to overlap it
        return TaskOutcome.exited(0, Long.toString(2 * Long.parseLong(execution.env().get("V"))), "");
      } finally {
        running.decrementAndGet();
      }
    });
    startWorker(8);
    Job job = submit("""
        name: many
        output: "{{ tasks.r0 }} {{ tasks.r1 }} {{ tasks.r199 }} {{ len(tasks) }}"
        tasks:
          - name: each number
            each:
              list: "{{ sequence(0, 200) }}"
              concurrency: 4
              task:
                name: double
                image: busybox
                var: "r{{ item.index }}"
                env: {V: "{{ item.value }}"}
        """);
    Job done = awaitEnd(job.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo("0 2 398 200");
    assertThat(most.get()).isBetween(2, 4);
    List<TaskRun> runs = jobs.runs(job.id());
    assertThat(runs).hasSize(200).extracting(TaskRun::state).containsOnly(RunState.SUCCEEDED);
    assertThat(runs.get(199).path().toString()).isEqualTo("0.199");
  }

  @Test
  void anEachInsideAParallelSeesItsItemUnderItsVarAndAnEmptyListCompletesAtOnce() {
    startWorker(4);
    Job job = submit("""
        name: nested
        inputs: {names: '["x","y"]'}
        tasks:
          - name: outer
            parallel:
              tasks:
                - name: greet all
                  each:
                    var: who
                    list: "{{ fromJSON(inputs.names) }}"
                    task: {name: "greet {{ who.value }}", image: busybox, env: {I: "{{ who.index }}"}}
                - name: nothing to do
                  each: {list: "[]", task: {name: never, image: busybox}}
                - {name: beside, image: busybox}
        """);
    Job done = awaitEnd(job.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(executedNames()).containsExactlyInAnyOrder("greet x", "greet y", "beside");
    TaskExecution y = runtime.executed().stream().filter(e -> e.task().name().equals("greet y")).findFirst().orElseThrow();
    assertThat(y.env()).containsEntry("I", "1");
    assertThat(jobs.runs(job.id())).extracting(r -> r.path().toString()).containsExactly("0.0.0", "0.0.1", "0.2");
  }

  @Test
  void preAndPostTasksRunInTheirOwnContainersAroundTheMainOneInTheSameRun() {
    runtime.when("main", succeeds("the result"));
    startWorker(1);
    Job job = submit("""
        name: around
        tasks:
          - name: main
            image: busybox
            pre: [{name: fetch, image: busybox, env: {P: "1"}}]
            post: [{name: upload, image: busybox}]
        """);
    Job done = awaitEnd(job.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo("the result");
    assertThat(executedNames()).containsExactly("fetch", "main", "upload");
    assertThat(runtime.executed()).extracting(TaskExecution::runId).as("one run").containsOnly(jobs.runs(job.id()).get(0).id());
    assertThat(runtime.executed()).extracting(TaskExecution::step).containsExactly("pre-0", null, "post-0");
    assertThat(runtime.executed().get(0).env()).containsEntry("P", "1").containsEntry("GANTRY_JOB_ID", job.id());
  }

  @Test
  void preAndPostTasksAreTemplatesOfTheirTaskAndReceiveSecrets() {
    startWorker(1);
    Job job = submit("""
        name: around
        inputs: {stage: prod}
        secrets: {key: k3y}
        tasks:
          - name: main
            image: busybox
            pre: [{name: "fetch {{ inputs.stage }}", image: busybox, env: {K: "{{ secrets.key }}"}}]
        """);
    assertThat(awaitEnd(job.id()).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(executedNames()).containsExactly("fetch prod", "main");
    assertThat(runtime.executed().get(0).env()).containsEntry("K", "k3y");
    assertThat(jobs.runs(job.id()).get(0).task().pre().get(0).env().get("K")).as("stored as a reference")
        .doesNotContain("k3y");
  }

  @Test
  void aFailingPreTaskFailsTheTaskBeforeItsMainContainerStarts() {
    runtime.when("fetch", fails(2, "no network"));
    startWorker(1);
    Job job = submit("""
        name: around
        tasks:
          - name: main
            image: busybox
            pre: [{name: fetch, image: busybox}]
            post: [{name: upload, image: busybox}]
        """);
    Job done = awaitEnd(job.id());
    assertThat(done.state()).isEqualTo(JobState.FAILED);
    assertThat(done.error()).isEqualTo("pre task 'fetch': exit code 2: no network");
    assertThat(executedNames()).containsExactly("fetch");
  }

  @Test
  void aCancelReachesEveryRunningTaskOfTheJob() {
    runtime.when("a", runsUntilCancelled()).when("b", runsUntilCancelled());
    startWorker(4);
    Job job = submit("""
        name: cancel me
        tasks:
          - name: both
            parallel: {tasks: [{name: a, image: busybox}, {name: b, image: busybox}]}
        """);
    await().atMost(Duration.ofSeconds(10)).until(() -> worker.runningCount() == 2);
    jobs.cancel(job.id());
    await().atMost(Duration.ofSeconds(10)).until(() -> worker.runningCount() == 0);
    assertThat(jobs.job(job.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(jobs.runs(job.id())).extracting(TaskRun::state).containsOnly(RunState.CANCELLED);
  }
}
