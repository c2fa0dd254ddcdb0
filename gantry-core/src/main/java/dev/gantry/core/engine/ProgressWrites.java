package dev.gantry.core.engine;

import dev.gantry.core.engine.ProgressChange.CancelUnder;
import dev.gantry.core.engine.ProgressChange.InsertJob;
import dev.gantry.core.engine.ProgressChange.InsertRun;
import dev.gantry.core.engine.ProgressChange.ResetUnder;
import dev.gantry.core.engine.ProgressChange.SaveNode;
import dev.gantry.core.engine.ProgressChange.UpdateJob;
import dev.gantry.core.engine.ProgressChange.UpdateRun;
import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobContext;
import dev.gantry.core.job.NodeKind;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The transaction's side of a {@link Progression}: reads the rows it needs, applies the changes it
 * returns and, when a sub-job ends, moves its parent on in the same transaction (the root of the
 * tree is locked already). What to announce after the commit is gathered in an {@link Applied}.
 */
final class ProgressWrites {

  /** What the transaction did that others must hear of once it committed. */
  static final class Applied {
    private final Set<String> cancelledJobs = new LinkedHashSet<>();
    private final Set<String> endedJobs = new LinkedHashSet<>();
    private boolean queued;

    /** Tells workers to stop the cancelled runs, followers that jobs ended, workers that there is work. */
    void announce(Signals signals) {
      cancelledJobs.forEach(signals::jobCancelled);
      endedJobs.forEach(signals::jobEnded);
      if (queued) {
        signals.workQueued();
      }
    }
  }

  private ProgressWrites() {}

  /**
   * The rows a transition on the node at {@code path} reads ({@link Progression#rowsFor}); none,
   * and no query, for a top-level task of a job without vars. A job stored before ROOT rows has
   * its results read from its runs.
   */
  static List<CompositeNode> load(StoreTransaction tx, Job job, NodePath path) {
    List<NodePath> paths = Progression.rowsFor(job.spec(), path);
    if (paths.isEmpty()) {
      return List.of();
    }
    List<CompositeNode> rows = new ArrayList<>(tx.nodes(job.id(), paths));
    if (paths.contains(NodePath.ROOT) && rows.stream().noneMatch(r -> r.kind() == NodeKind.ROOT)) {
      rows.add(CompositeNode.root(job.id(), JobContext.results(job.spec(), tx.runsOf(job.id()))));
    }
    return rows;
  }

  /** Applies the changes in order and, when they end a sub-job, moves its parent on. */
  static Applied apply(StoreTransaction tx, Progression progression, Instant now) {
    Applied applied = new Applied();
    apply(tx, progression, now, applied);
    return applied;
  }

  private static void apply(StoreTransaction tx, Progression progression, Instant now, Applied applied) {
    write(tx, progression, now, applied);
    Job job = progression.job();
    if (job.state().isTerminal()) {
      applied.endedJobs.add(job.id());
    } else {
      applied.queued = true;
    }
    if (progression.cancelsRuns()) {
      applied.cancelledJobs.add(job.id());
    }
    if (progression.endsJob() && job.parent() != null) {
      Job parent = JobService.lock(tx, job.parentId());
      List<CompositeNode> rows = load(tx, parent, job.parent().path().child(0));
      apply(tx, Progression.subjobEnded(parent, rows, EachItems.of(tx, parent.id()), job, now), now, applied);
    }
  }

  /** The changes, in order, sending consecutive inserted runs in one batch. */
  private static void write(StoreTransaction tx, Progression progression, Instant now, Applied applied) {
    List<TaskRun> inserts = new ArrayList<>();
    for (ProgressChange change : progression.changes()) {
      if (change instanceof InsertRun insert) {
        inserts.add(insert.run());
        continue;
      }
      flush(tx, inserts);
      if (change instanceof UpdateRun update) {
        tx.updateRun(update.run());
      } else if (change instanceof SaveNode save) {
        tx.saveNodes(List.of(save.node()));
      } else if (change instanceof UpdateJob update) {
        tx.updateJob(update.job());
      } else if (change instanceof InsertJob insert) {
        tx.insertJob(insert.job());
        if (insert.job().state().isTerminal()) {
          applied.endedJobs.add(insert.job().id());
        }
      } else if (change instanceof CancelUnder cancel) {
        cancel(tx, cancel, now, applied);
      } else if (change instanceof ResetUnder reset) {
        tx.deleteNodes(reset.jobId(), reset.at());
      } else if (change instanceof ProgressChange.UnpinEngine unpin) {
        tx.unpinEngine(unpin.jobId());
      }
    }
    flush(tx, inserts);
  }

  /** Cancels the runs and rows below the node, and every sub-job waited for there with all of its own. */
  private static void cancel(StoreTransaction tx, CancelUnder cancel, Instant now, Applied applied) {
    for (TaskRun run : tx.activeRuns(cancel.jobId(), cancel.under())) {
      tx.updateRun(run.finished(RunState.CANCELLED, null, null, cancel.reason(), now));
    }
    List<CompositeNode> running = tx.runningNodes(cancel.jobId(), cancel.under());
    if (running.isEmpty()) {
      return;
    }
    tx.saveNodes(running.stream().map(n -> n.ended(RunState.CANCELLED, cancel.reason())).toList());
    for (CompositeNode node : running) {
      String childId = node.kind() == NodeKind.SUBJOB ? node.results().get("job") : null;
      if (childId != null) {
        tx.lockJob(childId).filter(child -> !child.state().isTerminal()).ifPresent(child -> {
          Progression cancelled = Progression.cancelled(child, now);
          write(tx, cancelled, now, applied);
          applied.cancelledJobs.add(child.id());
          applied.endedJobs.add(child.id());
        });
      }
    }
  }

  private static void flush(StoreTransaction tx, List<TaskRun> inserts) {
    if (!inserts.isEmpty()) {
      tx.insertRuns(List.copyOf(inserts));
      inserts.clear();
    }
  }
}
