package dev.gantry.store;

import static dev.gantry.core.testing.ScriptedRuntime.fails;
import static dev.gantry.core.testing.ScriptedRuntime.runsUntilCancelled;
import static dev.gantry.core.testing.ScriptedRuntime.succeeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.cluster.QueueLoad;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.LocalSignals;
import dev.gantry.core.engine.RunProgress;
import dev.gantry.core.engine.Worker;
import dev.gantry.core.engine.WorkerSettings;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.testing.ScriptedRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job tree through the real engine on a real database (containers scripted): what each
 * database's test must show. Each subclass only says where an empty database is.
 */
public abstract class JobTreeEngineContract extends EmptyDatabaseContract {

  private final Clock clock = Clock.systemUTC();
  private final LocalSignals signals = new LocalSignals();
  private final ScriptedRuntime runtime = new ScriptedRuntime();
  private JobService jobs;
  private Worker worker;

  @BeforeEach
  void start() {
    jobs = new JobService(store, signals, clock);
    worker = new Worker(store, runtime, new RunProgress(store, signals, clock, 3), signals, clock,
        new WorkerSettings("n1", Set.of("default"), 8, Duration.ofSeconds(30), Duration.ofMillis(100),
            Duration.ofSeconds(5)));
    worker.start();
  }

  @AfterEach
  void stopWorker() {
    worker.close();
  }

  private Job submit(String yaml) {
    return jobs.submit(JobSpecReader.read(yaml, Format.YAML));
  }

  private Job awaitEnd(String jobId) {
    return await().atMost(Duration.ofSeconds(60)).until(() -> jobs.job(jobId), job -> job.state().isTerminal());
  }

  @Test
  void anEachOf200ElementsNeverRunsMoreThan4AtOnceAndKeepsEveryResult() throws Exception {
    runtime.when("double", (execution, logs, cancellation) -> {
      Thread.sleep(3); // the task's own work, long enough for others to overlap it
      return TaskOutcome.exited(0, Long.toString(2 * Long.parseLong(execution.env().get("V"))), "");
    });
    AtomicLong mostRunning = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    // The database's own count of RUNNING runs, sampled while the each runs.
    sampler.scheduleAtFixedRate(() -> mostRunning.accumulateAndGet(
        store.queueLoads().stream().mapToLong(QueueLoad::running).sum(), Math::max), 0, 5, TimeUnit.MILLISECONDS);
    try {
      Job job = submit("""
          name: many
          output: "{{ tasks.r0 }} {{ tasks.r199 }} {{ len(tasks) }}"
          tasks:
            - name: each number
              each:
                list: "{{ sequence(0, 200) }}"
                concurrency: 4
                task: {name: double, image: busybox, var: "r{{ item.index }}", env: {V: "{{ item.value }}"}}
          """);
      Job done = awaitEnd(job.id());
      assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.result()).isEqualTo("0 398 200");
      assertThat(jobs.runs(job.id())).hasSize(200).extracting(TaskRun::state).containsOnly(RunState.SUCCEEDED);
    } finally {
      sampler.shutdownNow();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    }
    assertThat(mostRunning.get()).isBetween(1L, 4L);
  }

  @Test
  void aFailingTaskOfAParallelCancelsItsSiblingsFailsTheJobAndARestartRunsItAgain() {
    runtime.when("slow", runsUntilCancelled()).when("bad", (execution, logs, cancellation) -> {
      await().atMost(Duration.ofSeconds(10)).until(() -> worker.runningCount() == 3);
      return fails(3, "broken").run(execution, logs, cancellation);
    });
    Job job = submit("""
        name: one fails
        tasks:
          - name: all
            parallel:
              tasks:
                - {name: slow, image: busybox}
                - {name: bad, image: busybox}
                - {name: slow, image: busybox}
        """);
    Job failed = awaitEnd(job.id());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    await().atMost(Duration.ofSeconds(10)).until(() -> worker.runningCount() == 0);
    assertThat(jobs.runs(job.id())).extracting(TaskRun::state)
        .containsExactly(RunState.CANCELLED, RunState.FAILED, RunState.CANCELLED);

    runtime.when("slow", succeeds("s")).when("bad", succeeds("b"));
    jobs.restart(job.id());
    assertThat(awaitEnd(job.id()).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(jobs.runs(job.id())).hasSize(6);
  }

  @Test
  void anEachInsideAParallelInsideASubjob() {
    // Scripted before the submit: the worker may take the tasks at once (a task that finds no script ends with no result).
    runtime.when("item", (execution, logs, cancellation) -> TaskOutcome.exited(0, execution.env().get("V"), ""))
        .when("single", succeeds("!"));
    Job job = submit("""
        name: deep
        output: "{{ tasks.sub }}"
        tasks:
          - name: call
            var: sub
            subjob:
              name: child
              output: "{{ tasks.i0 }}{{ tasks.i1 }}{{ tasks.single }}"
              tasks:
                - name: fan
                  parallel:
                    tasks:
                      - name: many
                        each: {list: "{{ ['a', 'b'] }}", task: {name: "item", var: "i{{ item.index }}", image: busybox,
                          env: {V: "{{ item.value }}"}}}
                      - {name: single, var: single, image: busybox}
        """);
    Job done = awaitEnd(job.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo("ab!");
    List<Job> listed = store.listJobs(JobQuery.parse("", 1, 20)).items();
    assertThat(listed).hasSize(2);
    Job child = listed.stream().filter(j -> j.parentId() != null).findFirst().orElseThrow();
    assertThat(child.parentId()).isEqualTo(job.id());
    assertThat(jobs.runs(child.id())).extracting(r -> r.path().toString()).containsExactly("0.0.0", "0.0.1", "0.1");
  }
}
