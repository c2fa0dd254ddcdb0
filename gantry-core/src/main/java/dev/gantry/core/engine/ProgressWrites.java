package dev.gantry.core.engine;

import dev.gantry.core.engine.ProgressChange.CancelUnder;
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
import dev.gantry.core.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The transaction's side of a {@link Progression}: reads the rows it needs, applies the changes it returns. */
final class ProgressWrites {

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

  /** Applies the changes in order, sending consecutive inserted runs in one batch. */
  static void apply(StoreTransaction tx, Progression progression, Instant now) {
    List<dev.gantry.core.job.TaskRun> inserts = new ArrayList<>();
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
      } else if (change instanceof CancelUnder cancel) {
        cancel(tx, progression.job().id(), cancel, now);
      } else if (change instanceof ResetUnder reset) {
        tx.deleteNodes(progression.job().id(), reset.at());
      }
    }
    flush(tx, inserts);
  }

  private static void cancel(StoreTransaction tx, String jobId, CancelUnder cancel, Instant now) {
    for (var run : tx.activeRuns(jobId, cancel.under())) {
      tx.updateRun(run.finished(RunState.CANCELLED, null, null, cancel.reason(), now));
    }
    List<CompositeNode> running = tx.runningNodes(jobId, cancel.under());
    if (!running.isEmpty()) {
      tx.saveNodes(running.stream().map(n -> n.ended(RunState.CANCELLED, cancel.reason())).toList());
    }
  }

  private static void flush(StoreTransaction tx, List<dev.gantry.core.job.TaskRun> inserts) {
    if (!inserts.isEmpty()) {
      tx.insertRuns(List.copyOf(inserts));
      inserts.clear();
    }
  }
}
