package dev.gantry.core.engine;

import dev.gantry.core.cluster.WorkspacePinning;
import dev.gantry.core.engine.ProgressChange.CancelUnder;
import dev.gantry.core.engine.ProgressChange.InsertRun;
import dev.gantry.core.engine.ProgressChange.ResetUnder;
import dev.gantry.core.engine.ProgressChange.SaveNode;
import dev.gantry.core.engine.ProgressChange.UpdateJob;
import dev.gantry.core.engine.ProgressChange.UpdateRun;
import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobContext;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.NodeKind;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.EachSpec;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecValidator;
import dev.gantry.core.spec.JobTemplates;
import dev.gantry.core.spec.JobTree;
import dev.gantry.core.spec.TaskSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens next in a job's tree, decided without I/O: a job reached (submit, restart), a run
 * ended (success, failure, retry, continue-on-error), a run lost, a cancel, the job's deadline.
 * It reads the job, the rows of the ended run's ancestors and the ROOT row (results by var), and
 * returns the {@link ProgressChange}s to apply. A leaf is queued as a run, its templates evaluated,
 * or ended at once (skipped by its {@code if}, failed by a template); a parallel starts all its
 * children, an each one per element of its list, at most {@code concurrency} at once; a composite
 * completes when all its children have and fails (cancelling the children still running) when
 * one fails. Past the last top-level task the job completes with its {@code output}.
 */
public final class Progression {

  /**
   * The most runs one transition starts: an each without a concurrency inside another could
   * otherwise queue millions in one transaction.
   */
  public static final int MAX_STARTED = 10_000;

  /** How a node stands after it was reached or one of its children ended. */
  private record Reached(boolean pending, boolean failed, boolean hasResult, String result, String error) {
    static final Reached PENDING = new Reached(true, false, false, null, null);
    static final Reached SKIPPED = new Reached(false, false, false, null, null);

    static Reached passed(String result) {
      return new Reached(false, false, true, result, null);
    }

    static Reached failedWith(String error) {
      return new Reached(false, true, false, null, error);
    }
  }

  private final JobSpec spec;
  private final Instant now;
  private final Map<NodePath, CompositeNode> nodes = new HashMap<>();
  private final List<ProgressChange> changes = new ArrayList<>();
  private final boolean keepsResults;
  private final JobState startState;
  private final EachItems items;
  /** The elements looked up in this transition, by each path and index: a context is built more than once per child. */
  private final Map<String, Object> itemsRead = new HashMap<>();
  private Map<String, String> results;
  private Job job;
  private boolean jobChanged;
  private boolean cancelsRuns;
  private int started;
  private InvalidJobException failure;

  private Progression(Job job, Collection<CompositeNode> loaded, Instant now) {
    this(job, loaded, EachItems.IN_ROWS, now);
  }

  private Progression(Job job, Collection<CompositeNode> loaded, EachItems items, Instant now) {
    this.job = job;
    this.items = items;
    this.startState = job.state();
    this.spec = job.spec();
    this.now = now;
    this.keepsResults = JobTemplates.usesVars(spec);
    for (CompositeNode node : loaded) {
      if (node.kind() == NodeKind.ROOT) {
        results = new LinkedHashMap<>(node.results());
      } else {
        nodes.put(node.path(), node);
      }
    }
  }

  /** The rows a transition on the run at {@code path} reads: its ancestors', and the ROOT row if the job keeps results. */
  public static List<NodePath> rowsFor(JobSpec spec, NodePath path) {
    List<NodePath> paths = new ArrayList<>(path.ancestors());
    if (JobTemplates.usesVars(spec)) {
      paths.add(NodePath.ROOT);
    }
    return paths;
  }

  /** A new job (QUEUED at its first task) reaches its first task. */
  public static Progression submitted(Job job, Instant now) {
    Progression p = new Progression(job, List.of(), now);
    if (p.keepsResults) {
      p.results = new LinkedHashMap<>();
      p.changes.add(new SaveNode(CompositeNode.root(job.id(), Map.of())));
    }
    p.activateFrom(1, 1, null);
    return p.finish();
  }

  /** {@code done} (as it ended) was running; {@code loaded}: the rows {@link #rowsFor} names. */
  public static Progression runEnded(Job job, Collection<CompositeNode> loaded, TaskRun done, Instant now) {
    return runEnded(job, loaded, EachItems.IN_ROWS, done, now);
  }

  /** As {@link #runEnded(Job, Collection, TaskRun, Instant)}, the elements of the eaches above {@code done} read from {@code items}. */
  public static Progression runEnded(Job job, Collection<CompositeNode> loaded, EachItems items, TaskRun done,
      Instant now) {
    return new Progression(job, loaded, items, now).ended(done).finish();
  }

  /** A FAILED, CANCELLED or TIMED_OUT job runs again from the top-level task it stopped at, as its {@code attempt}th attempt. */
  public static Progression restarted(Job job, Collection<CompositeNode> loaded, int attempt, Instant now) {
    return restarted(job, loaded, EachItems.IN_ROWS, attempt, now);
  }

  /** As {@link #restarted(Job, Collection, int, Instant)}, the elements of stored eaches read from {@code items}. */
  public static Progression restarted(Job job, Collection<CompositeNode> loaded, EachItems items, int attempt,
      Instant now) {
    Progression p = new Progression(job, loaded, items, now);
    NodePath top = NodePath.top(job.position());
    p.changes.add(new ResetUnder(job.id(), top));
    p.nodes.keySet().removeIf(path -> path.equals(top) || top.isAbove(path));
    p.setJob(job.requeued());
    p.activateFrom(job.position(), attempt, null);
    return p.finish();
  }

  /** The job is cancelled: it ends, and so does everything of it still going. */
  public static Progression cancelled(Job job, Instant now) {
    Progression p = new Progression(job, List.of(), now);
    p.setJob(job.cancelled(now));
    p.cancelBelow(null, "cancelled");
    return p.finish();
  }

  /**
   * {@code lost}'s worker could not finish it: it ends FAILED with {@code reason} and its task is
   * queued again without using its retry budget; a task lost {@code maxLost} times fails the job.
   */
  public static Progression runLost(Job job, TaskRun lost, String reason, int maxLost, Instant now) {
    Progression p = new Progression(job, List.of(), now);
    p.changes.add(new UpdateRun(lost.finished(RunState.FAILED, null, null, reason, now)));
    if (lost.lost() + 1 >= maxLost) {
      p.setJob(job.failed(JobState.FAILED, "task '" + lost.name() + "': " + reason + " (" + maxLost + " times)", now));
      p.cancelBelow(null, "cancelled: the job failed");
    } else {
      p.changes.add(new InsertRun(lost.again(Ids.newId(), lost.retries(), lost.lost() + 1, now)));
    }
    return p.finish();
  }

  /**
   * The engine that held the job's workspace is gone: every run of the job still RUNNING (its lease
   * over) ends FAILED with {@code reason}, every run still QUEUED ends CANCELLED with it, composites
   * and the sub-jobs waited for are cancelled, the job's pin is forgotten, and it starts again from its first task (the
   * {@code attempt}th attempt at it) with its composites' rows reset, on whichever engine claims it:
   * a fresh workspace. {@code active}: the job's runs that have not ended.
   */
  public static Progression engineLost(Job job, List<TaskRun> active, String reason, int attempt, Instant now) {
    Progression p = endedByEngineLoss(job, active, reason, now);
    p.changes.add(new ProgressChange.UnpinEngine(job.id())); // before the new first runs: they must not inherit the pin
    for (int at = 1; at <= job.taskCount(); at++) {
      p.changes.add(new ResetUnder(job.id(), NodePath.top(at)));
    }
    p.setJob(job.requeued());
    p.activateFrom(1, attempt, null);
    return p.finish();
  }

  /**
   * The engine {@code engine} of the job's workspace is gone, after the job's earlier restarts lost
   * {@code lostBefore}: restarted as {@link #engineLost} says up to
   * {@link WorkspacePinning#MAX_ENGINE_RESTARTS} times; the next loss fails the job, naming every
   * lost engine, its runs ended as a restart would end them.
   */
  public static Progression engineLost(Job job, List<TaskRun> active, String engine, List<String> lostBefore, int attempt,
      Instant now) {
    if (lostBefore.size() < WorkspacePinning.MAX_ENGINE_RESTARTS) {
      return engineLost(job, active, WorkspacePinning.engineLost(engine), attempt, now);
    }
    List<String> lost = new ArrayList<>(lostBefore);
    lost.add(engine);
    String reason = WorkspacePinning.engineLostAgain(lost);
    Progression p = endedByEngineLoss(job, active, reason, now);
    p.changes.add(new ProgressChange.UnpinEngine(job.id()));
    p.setJob(job.failed(JobState.FAILED, reason, now));
    return p.finish();
  }

  /** The job's runs that have not ended end with {@code reason} (FAILED if running, else CANCELLED), its composites cancelled. */
  private static Progression endedByEngineLoss(Job job, List<TaskRun> active, String reason, Instant now) {
    Progression p = new Progression(job, List.of(), now);
    for (TaskRun run : active) {
      RunState end = run.state() == RunState.RUNNING ? RunState.FAILED : RunState.CANCELLED;
      p.changes.add(new UpdateRun(run.finished(end, null, null, reason, now)));
    }
    // Not cancelBelow: the job's own runs are ended here, and a cancel signal for the job would
    // reach the worker that claims its new first run.
    p.changes.add(new CancelUnder(job.id(), null, reason));
    return p;
  }

  /** The job's own deadline passed while {@code run} ran: it and the job end TIMED_OUT, no retry. */
  public static Progression jobTimedOut(Job job, TaskRun run, Integer exitCode, String reason, Instant now) {
    Progression p = new Progression(job, List.of(), now);
    p.changes.add(new UpdateRun(run.finished(RunState.TIMED_OUT, exitCode, null, reason, now)));
    if (!job.state().isTerminal()) {
      p.setJob(job.failed(JobState.TIMED_OUT, reason, now));
      p.cancelBelow(null, "cancelled: the job timed out");
    }
    return p.finish();
  }

  /**
   * The sub-job {@code child} (as it ended) was waited for by its parent {@code job}'s subjob
   * task; {@code loaded}: the rows {@link #rowsFor} names for a child of that task.
   */
  public static Progression subjobEnded(Job job, Collection<CompositeNode> loaded, Job child, Instant now) {
    return subjobEnded(job, loaded, EachItems.IN_ROWS, child, now);
  }

  /** As {@link #subjobEnded(Job, Collection, Job, Instant)}, the elements of stored eaches read from {@code items}. */
  public static Progression subjobEnded(Job job, Collection<CompositeNode> loaded, EachItems items, Job child,
      Instant now) {
    Progression p = new Progression(job, loaded, items, now);
    NodePath path = child.parent().path();
    CompositeNode row = p.nodes.get(path);
    if (job.state().isTerminal() || row == null || row.state().isTerminal()) {
      return p.finish(); // the parent moved on without it (cancelled, failed by a sibling)
    }
    if (child.state() == JobState.SUCCEEDED) {
      p.save(row.completedOne().ended(RunState.SUCCEEDED, null));
      p.keepResult(row.results().getOrDefault("var", JobTree.at(p.spec, path).var()), child.result());
      p.childEnded(path, Reached.passed(child.result()));
    } else {
      String error = "sub-job " + child.id() + " " + child.state().name().toLowerCase()
          + (child.error() == null ? "" : ": " + child.error());
      p.save(row.ended(RunState.FAILED, error));
      p.childEnded(path, Reached.failedWith(error));
    }
    return p.finish();
  }

  /** Whether these changes end the job (it was not ended before). */
  public boolean endsJob() {
    return job.state().isTerminal() && !startState.isTerminal();
  }

  /** The job after the changes. */
  public Job job() {
    return job;
  }

  /** The writes to apply, in order. */
  public List<ProgressChange> changes() {
    return changes;
  }

  /** The template error that failed the job while reaching its tasks (null: none): a submit refuses the job. */
  public InvalidJobException failure() {
    return failure;
  }

  /** Whether runs that may be running are cancelled: their workers must be told. */
  public boolean cancelsRuns() {
    return cancelsRuns;
  }

  /** The runs inserted: a submit's first runs. */
  public List<TaskRun> insertedRuns() {
    return changes.stream().filter(c -> c instanceof InsertRun).map(c -> ((InsertRun) c).run()).toList();
  }

  /** The sub-jobs started: a submit's first sub-jobs, stored right after the job. */
  public List<Job> insertedJobs() {
    return changes.stream().filter(c -> c instanceof ProgressChange.InsertJob).map(c -> ((ProgressChange.InsertJob) c).job())
        .toList();
  }

  /** The rows written, each as it was written last: a submit's first rows. */
  public List<CompositeNode> savedNodes() {
    Map<String, CompositeNode> last = new LinkedHashMap<>();
    changes.stream().filter(c -> c instanceof SaveNode).map(c -> ((SaveNode) c).node())
        .forEach(n -> last.put(n.jobId() + "/" + n.path().encoded(), n));
    return List.copyOf(last.values());
  }

  private Progression finish() {
    if (jobChanged) {
      changes.add(new UpdateJob(job));
    }
    return this;
  }

  private void setJob(Job next) {
    job = next;
    jobChanged = true;
  }

  private Progression ended(TaskRun done) {
    changes.add(new UpdateRun(done));
    if (job.state().isTerminal()) {
      return this;
    }
    TaskSpec task = done.taskIn(spec);
    if (done.state() != RunState.SUCCEEDED && done.retries() < task.retryLimit()) {
      // A retry runs the task as it was evaluated for the attempt before.
      changes.add(new InsertRun(done.again(Ids.newId(), done.retries() + 1, done.lost(), now)));
      return this;
    }
    if (done.state() == RunState.SUCCEEDED) {
      keepResult(task.var(), done.result());
      childEnded(done.path(), Reached.passed(done.result()));
    } else if (task.continueOnError()) {
      // Hades' continue_on_error: the failed task stays FAILED, the job goes on as if it had passed.
      childEnded(done.path(), Reached.passed(done.result()));
    } else {
      childEnded(done.path(), Reached.failedWith(done.error()));
    }
    return this;
  }

  private void keepResult(String var, String result) {
    if (var == null || !keepsResults) {
      return;
    }
    if (results == null) {
      results = new LinkedHashMap<>();
    }
    results.put(var, result == null ? "" : result);
    changes.add(new SaveNode(CompositeNode.root(job.id(), results)));
  }

  /** The node at {@code path} ended (or passed) as {@code how}: its parent moves on. */
  private void childEnded(NodePath path, Reached how) {
    if (path.depth() == 1) {
      if (how.failed()) {
        setJob(job.failed(JobState.FAILED, how.error(), now));
      } else {
        activateFrom(path.position() + 1, 1, how.result());
      }
      return;
    }
    NodePath parentPath = path.parent();
    CompositeNode parent = nodes.get(parentPath);
    if (parent == null || parent.state().isTerminal()) {
      return; // ended already (a sibling failed it): nothing more to decide
    }
    if (how.failed()) {
      childEnded(parentPath, failNode(parentPath, how.error()));
      return;
    }
    nodes.put(parentPath, parent.completedOne());
    Reached after = startChildren(parentPath);
    if (!after.pending()) {
      childEnded(parentPath, after);
    }
  }

  /** The job reaches its top-level tasks from {@code position}; past the last it completes. */
  private void activateFrom(int position, int attempt, String lastResult) {
    String last = lastResult;
    int attemptAt = attempt;
    for (int at = position; at <= job.taskCount(); at++) {
      Reached how = activate(NodePath.top(at), attemptAt);
      if (how.pending()) {
        setJob(job.atPosition(at));
        return;
      }
      if (how.failed()) {
        setJob(job.atPosition(at).failed(JobState.FAILED, how.error(), now));
        return;
      }
      if (how.hasResult()) {
        last = how.result();
      }
      attemptAt = 1;
    }
    complete(last);
  }

  /** The job past its last task: its result is its {@code output} evaluated, or the last task's result. */
  private void complete(String lastResult) {
    Job past = job.atPosition(job.taskCount());
    if (spec.output() == null) {
      setJob(past.succeeded(lastResult, now));
      return;
    }
    try {
      setJob(past.succeeded(JobTemplates.output(spec, context(NodePath.ROOT)), now));
    } catch (InvalidJobException e) {
      setJob(past.failed(JobState.FAILED, e.getMessage(), now));
      noteFailure(e);
    }
  }

  private Reached activate(NodePath path, int attempt) {
    TaskSpec written = JobTree.at(spec, path);
    if (++started > MAX_STARTED) {
      InvalidJobException e = new InvalidJobException(JobTree.field(spec, path), "more than " + MAX_STARTED
          + " tasks would start at once; give the each a concurrency");
      noteFailure(e);
      return Reached.failedWith(e.getMessage());
    }
    if (written.isComposite()) {
      return activateComposite(path, written, attempt);
    }
    if (!spec.templated()) {
      insert(TaskRun.queued(Ids.newId(), job.id(), path, attempt, 0, 0, null, written.name(),
          written.queue(), now));
      return Reached.PENDING;
    }
    String at = JobTree.field(spec, path);
    TaskSpec resolved;
    try {
      resolved = JobTemplates.resolve(written, at, context(path));
      if (!JobTemplates.skips(resolved)) {
        JobSpecValidator.resolvedTask(at, resolved);
      }
    } catch (InvalidJobException e) {
      insert(TaskRun.ended(Ids.newId(), job.id(), path, attempt, null, written.name(),
          written.queue(), RunState.FAILED, e.getMessage(), now));
      if (written.continueOnError()) {
        return Reached.SKIPPED;
      }
      noteFailure(e);
      return Reached.failedWith(e.getMessage());
    }
    // A run stores its task only where templates changed it.
    TaskSpec carried = resolved.equals(written) ? null : resolved;
    if (JobTemplates.skips(resolved)) {
      insert(TaskRun.ended(Ids.newId(), job.id(), path, attempt, carried, resolved.name(),
          resolved.queue(), RunState.SKIPPED, null, now));
      return Reached.SKIPPED;
    }
    insert(TaskRun.queued(Ids.newId(), job.id(), path, attempt, 0, 0, carried, resolved.name(),
        resolved.queue(), now));
    return Reached.PENDING;
  }

  private Reached activateComposite(NodePath path, TaskSpec written, int attempt) {
    String at = JobTree.field(spec, path);
    if (written.subjob() != null) {
      return activateSubjob(path, written, at, attempt);
    }
    NodeKind kind = written.parallel() != null ? NodeKind.PARALLEL : NodeKind.EACH;
    int total;
    List<Object> items = List.of();
    try {
      if (spec.templated() && JobTemplates.skipsComposite(written, at, context(path))) {
        return skippedComposite(path, written, attempt);
      }
      if (kind == NodeKind.PARALLEL) {
        total = written.parallel().tasks().size();
      } else {
        items = JobTemplates.eachList(written.each(), at + ".each.list", context(path));
        total = items.size();
      }
    } catch (InvalidJobException e) {
      save(CompositeNode.started(job.id(), path, kind, 0, List.of()).ended(RunState.FAILED, e.getMessage()));
      noteFailure(e);
      return Reached.failedWith(e.getMessage());
    }
    nodes.put(path, CompositeNode.started(job.id(), path, kind, total, items));
    return startChildren(path);
  }

  /**
   * Starts the sub-job (its first runs in the same transaction); the task waits for it unless it
   * is detached, or the sub-job ended as it was made (every task skipped).
   */
  private Reached activateSubjob(NodePath path, TaskSpec written, String at, int attempt) {
    Progression inner;
    String var;
    try {
      Map<String, Object> context = context(path);
      if (JobTemplates.skipsComposite(written, at, context)) {
        return skippedComposite(path, written, attempt);
      }
      var = JobTemplates.var(written, at, context);
      JobSpec childSpec = JobTemplates.subjobSpec(written.subjob(), at + ".subjob", context, spec.secrets())
          .withPriority(priorityAt(path));
      inner = Progression.submitted(ChildJobs.of(job, path, childSpec, now), now);
      if (inner.failure() != null) {
        throw new InvalidJobException(at + ".subjob." + inner.failure().field(),
            inner.failure().getMessage().substring(inner.failure().field().length() + 2));
      }
    } catch (InvalidJobException e) {
      save(CompositeNode.started(job.id(), path, NodeKind.SUBJOB, 1, List.of()).ended(RunState.FAILED, e.getMessage()));
      noteFailure(e);
      return Reached.failedWith(e.getMessage());
    }
    Job child = inner.job();
    changes.add(new ProgressChange.InsertJob(child));
    inner.changes().stream().filter(c -> !(c instanceof UpdateJob)).forEach(changes::add);
    cancelsRuns |= inner.cancelsRuns();
    if (child.state() == JobState.SUCCEEDED) {
      keepResult(var, child.result());
      return Reached.passed(child.result());
    }
    if (child.state().isTerminal()) {
      return Reached.failedWith("sub-job " + child.id() + " failed: " + child.error());
    }
    if (written.subjob().detached()) {
      return Reached.passed(null);
    }
    // The var as evaluated now, for when the sub-job ends: its templates (item, ...) may not be evaluable then.
    save(CompositeNode.started(job.id(), path, NodeKind.SUBJOB, 1, List.of())
        .withResults(var == null ? Map.of("job", child.id()) : Map.of("job", child.id(), "var", var)));
    return Reached.PENDING;
  }

  /**
   * A composite its {@code if} skips: nothing below it starts, and it is shown as one SKIPPED run
   * (as Tork lists a skipped task), which no worker claims and no transition reads.
   */
  private Reached skippedComposite(NodePath path, TaskSpec written, int attempt) {
    insert(TaskRun.ended(Ids.newId(), job.id(), path, attempt, null, written.name(), written.queue(), RunState.SKIPPED,
        null, now));
    return Reached.SKIPPED;
  }

  /** Starts the composite's children that may start now; returns how it stands after. */
  private Reached startChildren(NodePath path) {
    EachSpec each = JobTree.at(spec, path).each();
    Integer limit = each == null ? null : each.concurrency();
    CompositeNode node = nodes.get(path);
    while (node.next() < node.total() && (limit == null || node.active() < limit)) {
      int index = node.next();
      nodes.put(path, node.startedOne());
      Reached child = activate(path.child(index), 1);
      node = nodes.get(path);
      if (child.failed()) {
        return failNode(path, child.error());
      }
      if (!child.pending()) {
        node = node.completedOne();
        nodes.put(path, node);
      }
    }
    if (node.completed() == node.total()) {
      save(node.ended(RunState.SUCCEEDED, null));
      return Reached.passed(null);
    }
    save(node);
    return Reached.PENDING;
  }

  private Reached failNode(NodePath path, String error) {
    save(nodes.get(path).ended(RunState.FAILED, error));
    cancelBelow(path, "cancelled: another task of the same " + nodes.get(path).kind().name().toLowerCase() + " failed");
    return Reached.failedWith(error);
  }

  private void cancelBelow(NodePath path, String reason) {
    changes.add(new CancelUnder(job.id(), path, reason));
    cancelsRuns = true;
  }

  /**
   * Every run a transition starts waits in its queue with its task's priority (the higher first):
   * the task's own, else that of the nearest composite above it that sets one, else the job's
   * {@code defaults.priority}, else 0.
   */
  private void insert(TaskRun run) {
    Integer priority = priorityAt(run.path());
    changes.add(new InsertRun(run.inTree(job.rootId()).withPriority(priority == null ? 0 : priority)));
  }

  /** The priority the task at {@code path} runs with; null when neither it, a composite above it nor the job sets one. */
  private Integer priorityAt(NodePath path) {
    for (NodePath at = path; at.depth() > 0; at = at.parent()) {
      Integer own = JobTree.at(spec, at).priority();
      if (own != null) {
        return own;
      }
    }
    return spec.priority();
  }

  private void save(CompositeNode node) {
    nodes.put(node.path(), node);
    changes.add(new SaveNode(node));
  }

  private void noteFailure(InvalidJobException e) {
    if (failure == null) {
      failure = e;
    }
  }

  /** What templates at {@code path} read: the job's context, and the element of every each above it. */
  private Map<String, Object> context(NodePath path) {
    Map<String, Object> context = new HashMap<>(JobContext.of(job, results == null ? Map.of() : results));
    for (NodePath ancestor : path.ancestors()) {
      EachSpec each = JobTree.at(spec, ancestor).each();
      CompositeNode row = nodes.get(ancestor);
      if (each != null && row != null) {
        int index = path.index(ancestor.depth());
        Map<String, Object> item = new HashMap<>();
        item.put("index", (long) index);
        item.put("value", index < row.items().size() ? row.items().get(index) : item(ancestor, index));
        context.put(each.itemName(), item);
      }
    }
    return context;
  }

  /** The element of a stored each (its row read without its list), looked up once per transition. */
  private Object item(NodePath each, int index) {
    String key = each.encoded() + "#" + index;
    if (!itemsRead.containsKey(key)) {
      itemsRead.put(key, items.item(each, index));
    }
    return itemsRead.get(key);
  }
}
