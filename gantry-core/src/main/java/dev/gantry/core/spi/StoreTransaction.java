package dev.gantry.core.spi;

import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.outbox.Delivery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The writes of one transaction. Locking the job first serialises every change to that job. */
public interface StoreTransaction {

  /** Reads the job and locks its row until the transaction ends. */
  Optional<Job> lockJob(String id);

  /** Inserts new jobs; a store sends many in one round trip where it can (a group of submits). */
  void insertJobs(List<Job> jobs);

  default void insertJob(Job job) {
    insertJobs(List.of(job));
  }

  void updateJob(Job job);

  List<TaskRun> runsOf(String jobId);

  /** Inserts new task runs, as {@link #insertJobs} does jobs. */
  void insertRuns(List<TaskRun> runs);

  default void insertRun(TaskRun run) {
    insertRuns(List.of(run));
  }

  void updateRun(TaskRun run);

  /** One run of a job this transaction locked: what a transition on it reads instead of every run. */
  Optional<TaskRun> findRun(String runId);

  /** The runs of the job that have not ended, strictly below {@code under} (null: all of the job's). */
  List<TaskRun> activeRuns(String jobId, NodePath under);

  /** The rows of the job's composite nodes at {@code paths} (those that have one). */
  List<CompositeNode> nodes(String jobId, List<NodePath> paths);

  /** The job's composite rows still RUNNING strictly below {@code under} (null: all of the job's). */
  List<CompositeNode> runningNodes(String jobId, NodePath under);

  /** Writes the rows, inserting those the job has not got yet (with an each's items, written once). */
  void saveNodes(List<CompositeNode> nodes);

  /**
   * The element at {@code index} of the list the each at {@code each} started with (null: a null
   * element, or none): the rows {@link #nodes} reads do not carry their items, so that a run's end
   * in an each costs the same whatever its list's length.
   */
  Object eachItem(String jobId, NodePath each, int index);

  /** Removes the row at {@code at} and the rows below it. */
  void deleteNodes(String jobId, NodePath at);

  /**
   * Moves an ACTIVE scheduled job's next tick from {@code from} to {@code to}, only if it still is
   * {@code from}: true when this transaction did (and so owns the tick {@code from}), false when
   * another one did first or the schedule was paused or deleted meanwhile.
   */
  boolean advanceSchedule(String scheduleId, Instant from, Instant to);

  /** Records that the job, inserted SCHEDULED in this transaction, starts at {@code startAt}. */
  void delayStart(String jobId, Instant startAt);

  /**
   * Reserves {@code name} in {@code queue} for the job {@code jobId}, inserted in this transaction;
   * false (nothing changed) when another job holds it.
   */
  boolean reserveJobName(String queue, String name, String jobId);

  /** The job's delayed start is done with (started, or found ended): it is no longer due. */
  void startReleased(String jobId);
  /**
   * The engine the job is pinned to, when no node on it has been alive since {@code aliveSince};
   * empty when the job is not pinned or its engine has a node alive.
   */
  Optional<String> lostEngineOf(String jobId, Instant aliveSince);

  /** Forgets the job's engine: its next run is claimed by any engine, and pins it again. */
  void unpinEngine(String jobId);

  /** Stores outgoing calls, to be delivered once this transaction commits (see {@link dev.gantry.core.outbox.OutboxRecorder}). */
  void insertDeliveries(List<Delivery> deliveries);

  /**
   * The groups with triggers that job {@code jobId}, which this transaction just ended, was the
   * last of to end: each is marked ended here, so that it is returned once, by the transaction that
   * ends its last job, however many of its jobs end at once.
   */
  default List<dev.gantry.core.job.JobGroup.Ended> groupsEndedBy(String jobId) {
    return List.of();
  }
}
