package dev.gantry.core.engine;

import static dev.gantry.core.testing.ScriptedRuntime.fails;
import static dev.gantry.core.testing.ScriptedRuntime.runsUntilCancelled;
import static dev.gantry.core.testing.ScriptedRuntime.succeeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.ScriptedRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** subjob through the engine: a child job row, the parent waiting for it, its output as the task's result. */
class SubjobTest {

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

  private void startWorker() {
    worker = new Worker(store, runtime, new RunProgress(store, signals, clock, 3), signals, clock,
        new WorkerSettings("n1", Set.of(TaskSpec.DEFAULT_QUEUE), 4, Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(1)));
    worker.start();
  }

  private Job submit(String yaml) {
    return jobs.submit(JobSpecReader.read(yaml, Format.YAML));
  }

  private Job awaitEnd(String jobId) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> jobs.job(jobId), job -> job.state().isTerminal());
  }

  private Job child(Job parent) {
    return store.listJobs(JobQuery.parse("", 1, 20)).items().stream().filter(j -> parent.id().equals(j.parentId()))
        .findFirst().orElseThrow();
  }

  @Test
  void theParentWaitsForItsSubjobAndTakesItsOutputAsTheTasksResult() {
    runtime.when("inner", succeeds("from the child"));
    startWorker();
    Job job = submit("""
        name: parent
        inputs: {who: world}
        output: "{{ tasks.sub }}"
        tasks:
          - name: call
            var: sub
            subjob:
              name: "child of {{ job.name }}"
              inputs: {greeting: "hello {{ inputs.who }}"}
              secrets: {token: s3cr3t}
              output: "{{ tasks.inner }} / {{ inputs.greeting }}"
              tasks:
                - {name: inner, var: inner, image: busybox, env: {T: "{{ secrets.token }}"}}
          - {name: after, image: busybox, env: {R: "{{ tasks.sub }}"}}
        """);
    Job done = awaitEnd(job.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo("from the child / hello world");
    Job child = child(job);
    assertThat(child.name()).isEqualTo("child of parent");
    assertThat(child.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(child.rootId()).isEqualTo(job.id());
    assertThat(child.spec().secrets()).containsEntry("token", "s3cr3t");
    assertThat(job.spec().toString()).as("the parent's spec holds no secret's value outside its secrets")
        .contains("_subjob_0_token");
    TaskExecution inner = runtime.executed().stream().filter(e -> e.task().name().equals("inner")).findFirst().orElseThrow();
    assertThat(inner.env()).containsEntry("T", "s3cr3t");
    assertThat(runtime.executed().get(1).env()).containsEntry("R", "from the child / hello world");
  }

  @Test
  void aTemplatedVarOnASubjobTaskKeepsEachSubjobsResultUnderItsOwnName() {
    runtime.when("inner", succeeds("built"));
    startWorker();
    Job job = submit("""
        name: parent
        output: "{{ tasks.r0 }} {{ tasks.r1 }} {{ tasks.direct_amd64 }}"
        tasks:
          - name: per platform
            each:
              list: "{{ ['amd64', 'arm64'] }}"
              task:
                name: "sub {{ item.value }}"
                var: "r{{ item.index }}"
                subjob:
                  name: "build {{ item.value }}"
                  inputs: {platform: "{{ item.value }}"}
                  output: "{{ tasks.inner }} {{ inputs.platform }}"
                  tasks: [{name: inner, var: inner, image: busybox}]
          - name: skipped inside
            var: "direct_{{ 'amd64' }}"
            subjob:
              name: all skipped
              output: "nothing ran"
              tasks: [{name: never, if: "false", image: busybox}]
        """);
    Job done = awaitEnd(job.id());
    assertThat(done.state()).as("%s", done.error()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo("built amd64 built arm64 nothing ran");
  }

  @Test
  void aSubjobCarriesItsParentsDialect() {
    runtime.when("inner", succeeds("done"));
    startWorker();
    Job job = jobs.submit(JobSpecReader.read("""
        name: parent
        tasks:
          - name: call
            subjob: {name: child, tasks: [{name: inner, image: busybox}]}
        """, Format.YAML).withDialect("hades"));
    assertThat(awaitEnd(job.id()).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(child(job).spec().dialect()).isEqualTo("hades");
  }

  @Test
  void aSubjobTasksRegistryPasswordIsKeptAmongTheSecretsAndReachesOnlyTheRuntime() {
    runtime.when("pull", succeeds("pulled"));
    startWorker();
    Job job = submit("""
        name: private images
        tasks:
          - name: call
            subjob:
              name: child
              tasks:
                - {name: pull, image: busybox, registry: {username: u, password: hunter2-private}}
        """);
    assertThat(awaitEnd(job.id()).state()).isEqualTo(JobState.SUCCEEDED);
    Job child = child(job);
    assertThat(job.spec().tasks().toString()).doesNotContain("hunter2-private");
    assertThat(child.spec().tasks().toString()).doesNotContain("hunter2-private");
    assertThat(child.spec().secrets()).containsValue("hunter2-private");
    TaskExecution pulled = runtime.executed().stream().filter(e -> e.task().name().equals("pull")).findFirst().orElseThrow();
    assertThat(pulled.task().attachments().registry().password()).isEqualTo("hunter2-private");
  }

  @Test
  void aFailingSubjobFailsItsTaskAndADetachedOneDoesNotHoldItsParent() {
    runtime.when("breaks", fails(4, "bad")).when("forever", runsUntilCancelled());
    startWorker();
    Job failing = submit("""
        name: parent
        tasks:
          - name: call
            subjob: {name: child, tasks: [{name: breaks, image: busybox}]}
        """);
    Job failed = awaitEnd(failing.id());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.error()).endsWith(" failed: exit code 4: bad").startsWith("sub-job ");

    Job detached = submit("""
        name: detached parent
        tasks:
          - name: fire and forget
            subjob: {name: loose child, detached: true, tasks: [{name: forever, image: busybox}]}
        """);
    assertThat(awaitEnd(detached.id()).state()).isEqualTo(JobState.SUCCEEDED);
    Job loose = child(detached);
    assertThat(loose.state().isTerminal()).isFalse();
    jobs.cancel(loose.id());
    assertThat(awaitEnd(loose.id()).state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void cancellingTheParentCancelsTheSubjobAndEveryRunningContainerOfBoth() {
    runtime.when("child task", runsUntilCancelled()).when("parent task", runsUntilCancelled());
    startWorker();
    Job job = submit("""
        name: parent
        tasks:
          - name: both
            parallel:
              tasks:
                - {name: parent task, image: busybox}
                - name: call
                  subjob: {name: child, tasks: [{name: child task, image: busybox}]}
        """);
    await().atMost(Duration.ofSeconds(10)).until(() -> worker.runningCount() == 2);
    Job child = child(job);
    assertThat(jobs.job(job.id()).state()).isEqualTo(JobState.RUNNING);
    jobs.cancel(job.id());
    await().atMost(Duration.ofSeconds(10)).until(() -> worker.runningCount() == 0);
    assertThat(jobs.job(job.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(jobs.job(child.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(jobs.runs(child.id())).extracting(TaskRun::state).containsOnly(RunState.CANCELLED);
  }

  @Test
  void anEachInsideAParallelInsideASubjobRunsAndTheParentCompletes() {
    startWorker();
    Job job = submit("""
        name: deep
        tasks:
          - name: call
            subjob:
              name: child
              tasks:
                - name: fan
                  parallel:
                    tasks:
                      - name: many
                        each:
                          list: "{{ sequence(0, 3) }}"
                          task: {name: "item {{ item.value }}", image: busybox}
                      - {name: single, image: busybox}
        """);
    assertThat(awaitEnd(job.id()).state()).isEqualTo(JobState.SUCCEEDED);
    Job child = child(job);
    assertThat(jobs.runs(child.id())).extracting(r -> r.path() + " " + r.name())
        .containsExactly("0.0.0 item 0", "0.0.1 item 1", "0.0.2 item 2", "0.1 single");
    assertThat(jobs.runs(child.id())).extracting(TaskRun::rootJobId).containsOnly(job.id());
    List<TaskRun> parentRuns = jobs.runs(job.id());
    assertThat(parentRuns).as("a subjob task runs no container of its own").isEmpty();
  }
}
