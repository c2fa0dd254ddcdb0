package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.engine.ProgressChange.CancelUnder;
import dev.gantry.core.engine.ProgressChange.InsertRun;
import dev.gantry.core.engine.ProgressChange.ResetUnder;
import dev.gantry.core.engine.ProgressChange.SaveNode;
import dev.gantry.core.engine.ProgressChange.UpdateJob;
import dev.gantry.core.engine.ProgressChange.UpdateRun;
import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.NodeKind;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Progression} as a state machine, without a database: a small model of the store applies
 * its changes (runs by id, rows by path) so that each step starts from what the step before left.
 */
class ProgressionTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  /** What a store would hold for one job. */
  private static final class Model {
    Job job;
    final Map<String, TaskRun> runs = new java.util.LinkedHashMap<>();
    final Map<NodePath, CompositeNode> rows = new HashMap<>();
    final List<ProgressChange> last = new ArrayList<>();

    Model(String yaml) {
      job = Job.queued("j", JobSpecReader.read(yaml, Format.YAML), NOW);
      apply(Progression.submitted(job, NOW));
    }

    void apply(Progression p) {
      last.clear();
      last.addAll(p.changes());
      for (ProgressChange c : p.changes()) {
        if (c instanceof InsertRun i) {
          runs.put(i.run().id(), i.run());
        } else if (c instanceof UpdateRun u) {
          runs.put(u.run().id(), u.run());
        } else if (c instanceof SaveNode s) {
          rows.put(s.node().path(), s.node());
        } else if (c instanceof UpdateJob u) {
          job = u.job();
        } else if (c instanceof CancelUnder cu) {
          runs.replaceAll((id, r) -> r.isActive() && (cu.under() == null || cu.under().isAbove(r.path()))
              ? r.finished(RunState.CANCELLED, null, null, cu.reason(), NOW) : r);
        } else if (c instanceof ResetUnder ru) {
          rows.keySet().removeIf(p2 -> p2.equals(ru.at()) || ru.at().isAbove(p2));
        }
      }
      job = p.job();
    }

    TaskRun queued(String path) {
      return runs.values().stream().filter(r -> r.state() == RunState.QUEUED && r.path().toString().equals(path))
          .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no queued run at " + path + " in " + runs.values()));
    }

    List<String> queuedPaths() {
      return runs.values().stream().filter(r -> r.state() == RunState.QUEUED).map(r -> r.path().toString()).toList();
    }

    void ends(String path, RunState end, String result) {
      TaskRun run = queued(path).claimed("n", NOW, NOW.plusSeconds(30));
      runs.put(run.id(), run);
      List<CompositeNode> loaded = Progression.rowsFor(job.spec(), run.path()).stream()
          .map(rows::get).filter(java.util.Objects::nonNull).toList();
      apply(Progression.runEnded(job, loaded, run.finished(end, end == RunState.SUCCEEDED ? 0 : 1, result,
          end == RunState.SUCCEEDED ? null : "exit code 1", NOW), NOW));
    }
  }

  @Test
  void aFlatJobQueuesOneTaskAfterTheOtherAndKeepsNoRowsOfItsOwn() {
    Model m = new Model("name: flat\ntasks: [{name: a, image: busybox}, {name: b, image: busybox}]");
    assertThat(m.queuedPaths()).containsExactly("0");
    m.ends("0", RunState.SUCCEEDED, "x");
    assertThat(m.last).extracting(c -> c.getClass().getSimpleName()).containsExactly("UpdateRun", "InsertRun", "UpdateJob");
    assertThat(m.queuedPaths()).containsExactly("1");
    assertThat(m.job.position()).isEqualTo(2);
    m.ends("1", RunState.SUCCEEDED, "y");
    assertThat(m.job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(m.job.position()).isEqualTo(3);
    assertThat(m.job.result()).isEqualTo("y");
    assertThat(m.rows).isEmpty();
  }

  @Test
  void aFailedRunWithRetriesLeftIsQueuedAgainWithoutTouchingItsAncestors() {
    Model m = new Model("name: r\ntasks: [{name: p, parallel: {tasks: [{name: a, image: busybox, retry: {limit: 1}},"
        + " {name: b, image: busybox}]}}]");
    CompositeNode before = m.rows.get(NodePath.top(1));
    m.ends("0.0", RunState.FAILED, null);
    assertThat(m.last).extracting(c -> c.getClass().getSimpleName()).containsExactly("UpdateRun", "InsertRun");
    assertThat(m.queued("0.0").attempt()).isEqualTo(2);
    assertThat(m.rows.get(NodePath.top(1))).isEqualTo(before);
  }

  @Test
  void aParallelCountsItsChildrenAndCompletesWithTheLast() {
    Model m = new Model("name: p\ntasks: [{name: p, parallel: {tasks: [{name: a, image: busybox},"
        + " {name: b, image: busybox}]}}, {name: after, image: busybox}]");
    assertThat(m.queuedPaths()).containsExactly("0.0", "0.1");
    CompositeNode row = m.rows.get(NodePath.top(1));
    assertThat(row.kind()).isEqualTo(NodeKind.PARALLEL);
    assertThat(row.total()).isEqualTo(2);
    assertThat(row.next()).isEqualTo(2);
    m.ends("0.1", RunState.SUCCEEDED, null);
    assertThat(m.rows.get(NodePath.top(1)).completed()).isEqualTo(1);
    assertThat(m.queuedPaths()).containsExactly("0.0");
    m.ends("0.0", RunState.SUCCEEDED, null);
    assertThat(m.rows.get(NodePath.top(1)).state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(m.queuedPaths()).containsExactly("1");
  }

  @Test
  void aFailingChildFailsItsCompositeCancelsTheRestAndTheJobAndARestartStartsTheCompositeAgain() {
    Model m = new Model("name: p\ntasks: [{name: p, parallel: {tasks: [{name: a, image: busybox},"
        + " {name: b, image: busybox}, {name: c, image: busybox}]}}]");
    m.ends("0.1", RunState.FAILED, null);
    assertThat(m.last.stream().filter(c -> c instanceof CancelUnder).toList())
        .singleElement().satisfies(c -> assertThat(((CancelUnder) c).under()).isEqualTo(NodePath.top(1)));
    assertThat(m.rows.get(NodePath.top(1)).state()).isEqualTo(RunState.FAILED);
    assertThat(m.job.state()).isEqualTo(JobState.FAILED);
    assertThat(m.runs.values()).extracting(TaskRun::state)
        .containsExactly(RunState.CANCELLED, RunState.FAILED, RunState.CANCELLED);

    m.apply(Progression.restarted(m.job, m.rows.values(), 2, NOW));
    assertThat(m.last.get(0)).isEqualTo(new ResetUnder("j", NodePath.top(1)));
    assertThat(m.job.state()).isEqualTo(JobState.QUEUED);
    assertThat(m.queuedPaths()).containsExactly("0.0", "0.1", "0.2");
    assertThat(m.rows.get(NodePath.top(1)).state()).isEqualTo(RunState.RUNNING);
  }

  @Test
  void anEachStartsAtMostConcurrencyCopiesAndOneMoreAsEachEnds() {
    Model m = new Model("name: e\ntasks: [{name: e, each: {list: '{{ sequence(0, 5) }}', concurrency: 2,"
        + " task: {name: 'n{{ item.value }}', image: busybox, var: 'r{{ item.index }}'}}}]");
    assertThat(m.queuedPaths()).containsExactly("0.0", "0.1");
    assertThat(m.rows.get(NodePath.top(1)).items()).containsExactly(0L, 1L, 2L, 3L, 4L);
    m.ends("0.0", RunState.SUCCEEDED, "zero");
    assertThat(m.queuedPaths()).containsExactly("0.1", "0.2");
    assertThat(m.queued("0.2").name()).isEqualTo("n2");
    assertThat(m.rows.get(NodePath.ROOT).results()).containsEntry("r0", "zero");
    for (String path : List.of("0.1", "0.2", "0.3", "0.4")) {
      m.ends(path, RunState.SUCCEEDED, path);
    }
    assertThat(m.job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(m.rows.get(NodePath.ROOT).results()).hasSize(5);
  }

  @Test
  void aSkippedCompositeCountsAsDoneAndAListThatIsNoListFailsTheJobNamingTheField() {
    Model skipped = new Model("name: s\ntasks: [{name: p, if: 'false', parallel: {tasks: [{name: a, image: busybox}]}},"
        + " {name: b, image: busybox}]");
    assertThat(skipped.queuedPaths()).containsExactly("1");

    Job bad = Job.queued("j", JobSpecReader.read("name: s\ninputs: {n: '3'}\ntasks: [{name: e, each: {list: '{{ inputs.n }}',"
        + " task: {name: a, image: busybox}}}]", Format.YAML), NOW);
    Progression p = Progression.submitted(bad, NOW);
    assertThat(p.job().state()).isEqualTo(JobState.FAILED);
    assertThat(p.failure()).hasMessage("tasks[0].each.list: {{ inputs.n }} must evaluate to a list, not 3");
  }

  @Test
  void aTransitionStartsAtMostMaxStartedTasksAndCompositesNestAtMostEightDeep() {
    Job job = Job.queued("j", JobSpecReader.read("name: s\ntasks: [{name: a, each: {list: '{{ sequence(0, 200) }}',"
        + " task: {name: b, each: {list: '{{ sequence(0, 200) }}', task: {name: t, image: busybox}}}}}]", Format.YAML), NOW);
    Progression p = Progression.submitted(job, NOW);
    assertThat(p.failure()).hasMessage("tasks[0].each.task.each.task: more than 10000 tasks would start at once;"
        + " give the each a concurrency");
    assertThat(p.insertedRuns()).hasSizeLessThan(Progression.MAX_STARTED);
    String deep = "{name: p, parallel: {tasks: [".repeat(8) + "{name: t, image: busybox}" + "]}}".repeat(8);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobSpecReader.read("name: j\ntasks: [" + deep + "]", Format.YAML))
        .hasMessage("tasks[0]" + ".parallel.tasks[0]".repeat(7) + ": composite tasks nest at most 8 deep");
  }

  @Test
  void aCancelEndsEveryActiveRunOfTheJob() {
    Model m = new Model("name: p\ntasks: [{name: p, parallel: {tasks: [{name: a, image: busybox}, {name: b, image: busybox}]}}]");
    m.apply(Progression.cancelled(m.job, NOW));
    assertThat(m.job.state()).isEqualTo(JobState.CANCELLED);
    assertThat(m.runs.values()).extracting(TaskRun::state).containsOnly(RunState.CANCELLED);
  }

  @Test
  void aLostRunIsQueuedAgainAndALastLossFailsTheJobAndCancelsItsOtherRuns() {
    Model m = new Model("name: p\ntasks: [{name: p, parallel: {tasks: [{name: a, image: busybox}, {name: b, image: busybox}]}}]");
    TaskRun a = m.queued("0.0").claimed("n", NOW, NOW);
    m.apply(Progression.runLost(m.job, a, "worker lost", 3, NOW));
    TaskRun again = m.queued("0.0");
    assertThat(again.lost()).isEqualTo(1);
    assertThat(again.path()).isEqualTo(a.path());
    TaskRun lastTime = new TaskRun(again.id(), again.jobId(), again.position(), again.attempt(), 0, 2, again.name(),
        again.queue(), RunState.RUNNING, NOW, NOW, null, "n", NOW, null, null, null, null, again.priority(), again.path());
    m.apply(Progression.runLost(m.job, lastTime, "worker lost", 3, NOW));
    assertThat(m.job.state()).isEqualTo(JobState.FAILED);
    assertThat(m.job.error()).isEqualTo("task 'a': worker lost (3 times)");
    assertThat(m.queuedPaths()).isEmpty();
  }

  @Test
  void everyRunOfTheTreeWaitsWithTheJobsPriority() {
    Model m = new Model("name: p\ndefaults: {priority: 7}\ntasks:\n"
        + "  - {name: fan, parallel: {tasks: [{name: a, image: busybox, retry: {limit: 1}}, {name: b, image: busybox}]}}\n"
        + "  - {name: every, each: {list: '{{ sequence(0, 2) }}', task: {name: c, image: busybox}}}\n"
        + "  - {name: sub, subjob: {name: s, tasks: [{name: d, image: busybox}]}}\n"
        + "  - {name: last, image: busybox}");
    assertThat(m.queuedPaths()).containsExactly("0.0", "0.1");
    assertThat(m.queued("0.0").priority()).isEqualTo(7);
    assertThat(m.queued("0.1").priority()).isEqualTo(7);
    m.ends("0.0", RunState.FAILED, null); // its retry keeps the priority
    assertThat(m.queued("0.0").attempt()).isEqualTo(2);
    assertThat(m.queued("0.0").priority()).isEqualTo(7);
    m.apply(Progression.runLost(m.job, m.queued("0.1").claimed("n", NOW, NOW), "worker lost", 3, NOW));
    assertThat(m.queued("0.1").priority()).isEqualTo(7); // and so does a lost run queued again
    m.ends("0.0", RunState.SUCCEEDED, "a");
    m.ends("0.1", RunState.SUCCEEDED, "b");
    assertThat(m.queuedPaths()).containsExactly("1.0", "1.1");
    assertThat(m.runs.values()).filteredOn(r -> r.path().toString().startsWith("1.")).extracting(TaskRun::priority)
        .containsOnly(7);
    m.ends("1.0", RunState.SUCCEEDED, "");
    m.ends("1.1", RunState.SUCCEEDED, "");
    Job sub = m.last.stream().filter(c -> c instanceof ProgressChange.InsertJob).map(c -> ((ProgressChange.InsertJob) c).job())
        .findFirst().orElseThrow();
    assertThat(sub.spec().priority()).isEqualTo(7);
    TaskRun subTask = m.last.stream().filter(c -> c instanceof InsertRun).map(c -> ((InsertRun) c).run())
        .filter(r -> r.jobId().equals(sub.id())).findFirst().orElseThrow();
    assertThat(subTask.priority()).isEqualTo(7);
  }

  @Test
  void aJobWithoutPriorityQueuesItsRunsAtZero() {
    Model m = new Model("name: p\ntasks: [{name: fan, parallel: {tasks: [{name: a, image: busybox}]}}]");
    assertThat(m.queued("0.0").priority()).isZero();
  }
}
