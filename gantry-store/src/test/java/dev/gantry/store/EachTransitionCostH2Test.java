package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.LocalSignals;
import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.testing.ManualWorker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run's end in an each costs, counted by H2's own query statistics: the same statements for
 * the 10th and the 900th of 1,000 items, and rows read without the each's list (its elements are
 * rows of their own, read one at a time where a child started needs one). So an each of n items
 * costs n times one transition, not n squared.
 */
class EachTransitionCostH2Test {

  private static final int ITEMS = 1_000;
  private static final NodePath EACH = NodePath.top(1);

  @TempDir Path dataDir;
  private JdbcStore store;
  private Connection statistics;
  private JobService jobs;
  private ManualWorker worker;

  @BeforeEach
  void open() throws SQLException {
    StoreSettings settings = StoreSettings.h2File(dataDir);
    store = JdbcStore.open(settings);
    statistics = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    LocalSignals signals = new LocalSignals();
    jobs = new JobService(store, signals, Clock.systemUTC());
    worker = new ManualWorker(store, signals, Clock.systemUTC());
  }

  @AfterEach
  void close() throws SQLException {
    statistics.close();
    store.close();
  }

  @Test
  void theNinehundredthRunsEndInAnEachOf1000CostsWhatTheTenthDid() throws SQLException {
    // A concurrency, so that every run's end starts the next element, which reads its item.
    Job job = jobs.submit(JobSpecReader.read("""
        name: long each
        tasks:
          - name: all
            each:
              list: "{{ sequence(0, %d) }}"
              concurrency: 4
              task: {name: "copy {{ item.index }}", image: busybox, network: none, run: "true",
                     env: {V: "value {{ item.value }}"}}
        """.formatted(ITEMS), Format.YAML));
    long tenth = 0;
    long nineHundredth = 0;
    for (int step = 1; step <= ITEMS; step++) {
      if (step == 10) {
        tenth = H2StatementCount.of(statistics, () -> worker.succeed(worker.claim(), null));
      } else if (step == 900) {
        nineHundredth = H2StatementCount.of(statistics, () -> worker.succeed(worker.claim(), null));
      } else {
        worker.succeed(worker.claim(), null);
      }
    }

    assertThat(tenth).as("the claim, the job's start, the run's end, the each's row, the next element...").isPositive();
    assertThat(nineHundredth).as("the 900th step of the each").isEqualTo(tenth);
    Job done = jobs.job(job.id());
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    List<TaskRun> runs = jobs.runs(job.id());
    assertThat(runs).hasSize(ITEMS).extracting(TaskRun::state).containsOnly(RunState.SUCCEEDED);
    TaskRun last = runs.stream().filter(r -> r.path().equals(EACH.child(ITEMS - 1))).findFirst().orElseThrow();
    assertThat(last.name()).isEqualTo("copy " + (ITEMS - 1));
    assertThat(last.taskIn(done.spec()).env()).containsEntry("V", "value " + (ITEMS - 1));
  }

  @Test
  void theEachsRowIsReadWithoutItsListAndARestartStartsItsElementsAgain() {
    Job job = jobs.submit(JobSpecReader.read("""
        name: words
        tasks:
          - name: all
            each:
              list: "{{ ['a', 'b', 'c'] }}"
              concurrency: 1
              task: {name: "say {{ item.value }}", image: busybox, network: none, run: "true"}
        """, Format.YAML));
    CompositeNode row = store.inTransaction(tx -> tx.nodes(job.id(), List.of(EACH))).get(0);
    assertThat(row.total()).isEqualTo(3);
    assertThat(row.items()).as("the list is not part of the row").isEmpty();
    Object first = store.inTransaction(tx -> tx.eachItem(job.id(), EACH, 0));
    Object third = store.inTransaction(tx -> tx.eachItem(job.id(), EACH, 2));
    Object past = store.inTransaction(tx -> tx.eachItem(job.id(), EACH, 3));
    assertThat(List.of(first, third)).containsExactly("a", "c");
    assertThat(past).as("past the end").isNull();

    worker.succeed(worker.claim(), null);
    worker.fail(worker.claim(), 1, "broken");
    assertThat(jobs.job(job.id()).state()).isEqualTo(JobState.FAILED);

    jobs.restart(job.id());
    Job again = worker.runToSuccess(null);
    assertThat(again.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(jobs.runs(job.id())).as("in tree order, each element's attempts together").extracting(TaskRun::name)
        .containsExactly("say a", "say a", "say b", "say b", "say c");
  }
}
