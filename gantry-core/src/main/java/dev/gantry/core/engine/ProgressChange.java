package dev.gantry.core.engine;

import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.TaskRun;

/** One write a {@link Progression} decided on; the transaction that asked applies them in order. */
sealed interface ProgressChange {

  record InsertRun(TaskRun run) implements ProgressChange {}

  record UpdateRun(TaskRun run) implements ProgressChange {}

  /** Writes a composite node's row (or the job's ROOT row), inserting it when it has none yet. */
  record SaveNode(CompositeNode node) implements ProgressChange {}

  record UpdateJob(Job job) implements ProgressChange {}

  /** A sub-job, as its first runs leave it. */
  record InsertJob(Job job) implements ProgressChange {}

  /**
   * Ends as CANCELLED, with {@code reason}, every run that has not ended and every composite still
   * RUNNING strictly below {@code under} (null: the whole job) of job {@code jobId}; a sub-job
   * waited for there is cancelled with its own runs.
   */
  record CancelUnder(String jobId, NodePath under, String reason) implements ProgressChange {}

  /**
   * Forgets the engine the job is pinned to: the runs inserted after it are any engine's, and the
   * first claimed pins the job again. After the job's runs are ended: a claimer holding one of them
   * then never waits for this transaction's pin change while this one waits for it.
   */
  record UnpinEngine(String jobId) implements ProgressChange {}

  /** Removes the rows of the composite at {@code at} and of those below it: a restart starts them again. */
  record ResetUnder(String jobId, NodePath at) implements ProgressChange {}
}
