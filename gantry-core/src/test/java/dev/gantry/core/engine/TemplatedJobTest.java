package dev.gantry.core.engine;

import static dev.gantry.core.testing.ScriptedRuntime.fails;
import static dev.gantry.core.testing.ScriptedRuntime.succeeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.StoreTransaction;
import dev.gantry.core.spi.TaskExecution;
import dev.gantry.core.spi.TaskOutcome;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.ScriptedRuntime;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tork's inputs, var, if and output through the engine: templates evaluated when a task becomes runnable. */
class TemplatedJobTest {

  private final Clock clock = Clock.systemUTC();
  private final List<String> transactionCalls = new CopyOnWriteArrayList<>();
  private final InMemoryStore memory = new InMemoryStore();
  private final Store store = counted(memory);
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
        new WorkerSettings("n1", Set.of(TaskSpec.DEFAULT_QUEUE, "gpu"), 1, Duration.ofSeconds(30), Duration.ofMillis(200),
            Duration.ofSeconds(1)));
    worker.start();
  }

  private Job submit(String yaml) {
    return jobs.submit(JobSpecReader.read(yaml, Format.YAML));
  }

  private Job awaitEnd(String jobId) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> jobs.job(jobId), job -> job.state().isTerminal());
  }

  private TaskExecution executed(String name) {
    return runtime.executed().stream().filter(e -> e.task().name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void inputsAndResultsReachLaterTasksAnIfSkipsAndTheOutputBecomesTheResult() {
    runtime.when("produce", succeeds("42")).when("consume hello", succeeds("consumed"));
    startWorker();
    Job job = submit("""
        name: flow
        inputs: {greeting: hello, skip: "yes", queue: gpu}
        output: "answer={{ tasks.answer }}, then {{ tasks.last }}"
        tasks:
          - name: produce
            var: answer
            image: busybox
            env: {WHO: "{{ upper(inputs.greeting) }}"}
          - name: skipped
            if: "{{ inputs.skip != 'yes' }}"
            image: busybox
          - name: "consume {{ inputs.greeting }}"
            var: last
            image: "busybox:{{ 'latest' }}"
            queue: "{{ inputs.queue }}"
            env: {ANSWER: "{{ tasks.answer }}", PLUS_ONE: "{{ int(tasks.answer) + 1 }}", JOB: "{{ job.name }}"}
            cmd: [echo, "{{ tasks.answer }}"]
        """);
    Job done = awaitEnd(job.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isEqualTo("answer=42, then consumed");
    assertThat(executed("produce").env()).containsEntry("WHO", "HELLO");
    TaskExecution consume = executed("consume hello");
    assertThat(consume.env()).containsEntry("ANSWER", "42").containsEntry("PLUS_ONE", "43").containsEntry("JOB", "flow");
    assertThat(consume.task().image()).isEqualTo("busybox:latest");
    assertThat(consume.task().cmd()).containsExactly("echo", "42");
    assertThat(runtime.executed()).extracting(e -> e.task().name()).containsExactly("produce", "consume hello");
    List<TaskRun> runs = jobs.runs(job.id());
    assertThat(runs).extracting(TaskRun::state).containsExactly(RunState.SUCCEEDED, RunState.SKIPPED, RunState.SUCCEEDED);
    assertThat(runs.get(2).queue()).isEqualTo("gpu");
    assertThat(runs.get(2).name()).isEqualTo("consume hello");
    assertThat(runs.get(0).task().env()).as("the run carries its task as evaluated").containsEntry("WHO", "HELLO");
  }

  @Test
  void anExpressionThatFailsAtRunTimeFailsItsTaskNamingTheExpression() {
    startWorker();
    Job job = submit("""
        name: broken
        tasks:
          - name: first
            image: busybox
          - name: second
            image: busybox
            env: {X: "{{ tasks.nothing.field }}"}
          - name: never
            image: busybox
        """);
    Job done = awaitEnd(job.id());
    String error = "tasks[1].env.X: cannot fetch field from nil at column 14 of {{ tasks.nothing.field }}";
    assertThat(done.state()).isEqualTo(JobState.FAILED);
    assertThat(done.error()).isEqualTo(error);
    assertThat(jobs.runs(job.id())).extracting(TaskRun::state).containsExactly(RunState.SUCCEEDED, RunState.FAILED);
    assertThat(jobs.runs(job.id()).get(1).error()).isEqualTo(error);
    assertThat(runtime.executed()).extracting(e -> e.task().name()).containsExactly("first");
  }

  @Test
  void aFirstTaskWhoseTemplatesFailIsRefusedAtSubmitAndNothingIsStored() {
    assertThatThrownBy(() -> submit("name: j\ninputs: {n: x}\ntasks: [{name: t, image: busybox,"
        + " env: {A: '{{ sequence(0, 2147483647) }}'}}]"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessage("tasks[0].env.A: a list of 2147483647 items is more than the 10000 allowed at column 1 of"
            + " {{ sequence(0, 2147483647) }}");
    assertThatThrownBy(() -> submit("name: j\ninputs: {img: 'no such image!'}\ntasks: [{name: t, image: '{{ inputs.img }}'}]"))
        .hasMessage("tasks[0].image: 'no such image!' is not a valid image reference");
    assertThatThrownBy(() -> submit("name: j\noutput: '{{ 1 % 0 }}'\ntasks: [{name: t, image: busybox, if: 'false'}]"))
        .hasMessage("output: integer divide by zero at column 3 of {{ 1 % 0 }}");
    assertThat(transactionCalls).isEmpty();
  }

  @Test
  void aSecretReachesTheContainerOnlyAndIsMaskedInTheLogTheResultAndTheError() {
    runtime.when("use", (execution, logs, cancellation) -> {
      logs.write(LogPart.Stream.STDOUT, "token=" + execution.env().get("TOKEN") + " cmd=" + execution.task().cmd() + "\n");
      return TaskOutcome.exited(0, execution.env().get("TOKEN"), "");
    }).when("fail", (execution, logs, cancellation) -> TaskOutcome.exited(3, null, "bad " + execution.env().get("T")));
    startWorker();
    Job job = submit("""
        name: secret
        secrets: {token: s3cr3t-value}
        tasks:
          - name: use
            image: busybox
            env: {TOKEN: "{{ secrets.token }}"}
            cmd: [login, "--password={{ secrets.token }}"]
          - name: fail
            image: busybox
            env: {T: "{{ secrets.token }}"}
        """);
    Job done = awaitEnd(job.id());
    assertThat(executed("use").env()).containsEntry("TOKEN", "s3cr3t-value");
    assertThat(executed("use").task().cmd()).containsExactly("login", "--password=s3cr3t-value");
    List<TaskRun> runs = jobs.runs(job.id());
    assertThat(runs.get(0).result()).isEqualTo("[REDACTED]");
    assertThat(runs.get(0).task().env().get("TOKEN")).as("the stored run holds a reference").doesNotContain("s3cr3t");
    assertThat(runs.get(1).error()).isEqualTo("exit code 3: bad [REDACTED]");
    assertThat(done.error()).isEqualTo("exit code 3: bad [REDACTED]");
    assertThat(jobs.jobLog(job.id(), 1, 10).items()).singleElement()
        .satisfies(part -> assertThat(part.contents()).isEqualTo("token=[REDACTED] cmd=[login, --password=[REDACTED]]\n"));
  }

  @Test
  void aSecretCannotBeShownAsANameImageQueueOrOutput() {
    assertThatThrownBy(() -> submit("name: j\nsecrets: {a: b}\ntasks: [{name: '{{ secrets.a }}', image: busybox}]"))
        .hasMessage("tasks[0].name: a secret can only be used in env, cmd and entrypoint, not here: this is shown");
    assertThatThrownBy(() -> submit("name: j\nsecrets: {a: b}\noutput: '{{ secrets.a }}'\ntasks: [{name: t, image: busybox, if: 'false'}]"))
        .hasMessage("output: a secret cannot be part of the job's output, which is shown");
  }

  @Test
  void aJobWhoseTasksAreAllSkippedCompletesAtSubmit() {
    Job job = submit("name: none\noutput: \"{{ 'nothing ran' }}\"\ntasks: [{name: a, image: busybox, if: 'false'},"
        + " {name: b, image: busybox, if: '{{ 1 > 2 }}'}]");
    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(jobs.job(job.id()).result()).isEqualTo("nothing ran");
    assertThat(jobs.runs(job.id())).extracting(TaskRun::state).containsExactly(RunState.SKIPPED, RunState.SKIPPED);
  }

  @Test
  void aRetryRunsTheTaskAsEvaluatedAndARestartEvaluatesAgain() {
    runtime.when("flaky", fails(1));
    startWorker();
    Job job = submit("name: r\ninputs: {v: one}\ntasks: [{name: flaky, image: busybox, retry: {limit: 1},"
        + " env: {V: '{{ inputs.v }}'}}]");
    Job failed = awaitEnd(job.id());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(runtime.executed()).hasSize(2).allSatisfy(e -> assertThat(e.env()).containsEntry("V", "one"));
    runtime.when("flaky", succeeds("fine"));
    jobs.restart(job.id());
    assertThat(awaitEnd(job.id()).result()).isEqualTo("fine");
    assertThat(jobs.runs(job.id())).extracting(TaskRun::attempt).containsExactly(1, 2, 3);
  }

  /**
   * The one-task job without templates does what it did before templates: the same three
   * transactions (submit, start, end) with the same statements, and no task stored per run.
   */
  @Test
  void aJobWithoutTemplatesPaysNothingForThem() {
    startWorker();
    Job job = submit("name: plain\ntasks: [{name: only, image: busybox}]");
    awaitEnd(job.id());
    assertThat(transactionCalls).containsExactly(
        "inTransaction", "insertJobs", "insertRuns",
        "inTransaction", "lockJob", "updateJob",
        "inTransaction", "lockJob", "findRun", "updateRun", "updateJob");
    assertThat(jobs.runs(job.id())).singleElement().satisfies(run -> assertThat(run.task()).isNull());
  }

  @SuppressWarnings("unchecked")
  private Store counted(Store target) {
    return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, (proxy, method, args) -> {
      try {
        if (method.getName().equals("inTransaction")) {
          transactionCalls.add("inTransaction");
          Function<StoreTransaction, Object> work = (Function<StoreTransaction, Object>) args[0];
          return target.inTransaction(tx -> work.apply(countedTransaction(tx)));
        }
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  private StoreTransaction countedTransaction(StoreTransaction target) {
    return (StoreTransaction) Proxy.newProxyInstance(StoreTransaction.class.getClassLoader(),
        new Class<?>[] {StoreTransaction.class}, (proxy, method, args) -> {
          if (!method.isDefault()) {
            transactionCalls.add(method.getName());
          }
          try {
            return method.isDefault() ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args)
                : method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
