package dev.gantry.core.engine;

import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.Store;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stores concurrent submits together (group commit). A commit is the dear part of a submit (H2
 * writes a chunk of its file, PostgreSQL flushes its log), so while the store's
 * {@link Store#writeLanes()} transactions are open, the submits that arrive wait and then go into
 * the next transaction together: N concurrent callers pay for one commit instead of N. No thread
 * of its own: a caller that finds a lane free commits the waiting submits, its own among them.
 *
 * <p>A group is bounded by rows as well as by submits, so that small submits waiting beside a
 * large job do not share its transaction and its writes: they commit in the next free lane (with
 * two lanes, while it is still being written). A group takes the oldest waiting submit and then,
 * in arrival order, those that still fit {@link #MAX_GROUP_ROWS}; one passed over stays in line,
 * and since every group takes the oldest, none waits forever. A job larger than the bound commits
 * alone. (What a single job may hold is bounded by JobSpecValidator.)
 *
 * <p>Every caller returns only after the transaction holding its job committed, and fails if it
 * did not. When a shared transaction fails, its submits are tried again one per transaction, so
 * a submit that cannot be stored fails only its own caller.
 */
final class SubmitGroups {

  /** Submits per transaction at most: keeps a transaction (and its locks) short. */
  static final int MAX_GROUP = 64;
  /**
   * Rows one shared transaction writes at most, counted by {@link #rows}: 64 ordinary jobs fit,
   * and a group costs at most a few tens of milliseconds of writing.
   */
  static final int MAX_GROUP_ROWS = 512;
  /**
   * How long a committer waits for as many submits as the last group had, when fewer are
   * waiting: callers that answered together tend to come back together, and without the wait the
   * first one back would commit alone. Far less than a commit costs; never waited for when
   * submits come one at a time (the last group was one).
   */
  static final long GATHER_NANOS = 1_000_000;

  private final Store store;
  private final int lanes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Condition committed = lock.newCondition();
  private final ArrayDeque<Submit> waiting = new ArrayDeque<>();
  private int open;
  private int lastGroupSize = 1;

  SubmitGroups(Store store) {
    this.store = store;
    this.lanes = Math.max(1, store.writeLanes());
  }

  /**
   * Stores the job and its first runs (those its {@code if}s skipped, then the queued one) in one
   * transaction, committed when this returns.
   */
  void store(Job job, List<TaskRun> firstRuns) {
    store(job, List.of(), firstRuns, List.of());
  }

  /** {@link #store(Job, List)} with the sub-jobs and the rows of the composite nodes the job started with. */
  void store(Job job, List<Job> subjobs, List<TaskRun> firstRuns, List<CompositeNode> firstNodes) {
    Submit submit = new Submit(job, subjobs, firstRuns, firstNodes);
    boolean interrupted = false;
    lock.lock();
    try {
      waiting.add(submit);
      arrived.signal();
      while (!submit.done) {
        // Not interruptible: once taken, the submit may commit, and the caller must hear the outcome.
        try {
          if (submit.taken || open >= lanes) {
            committed.await();
          } else {
            commitGroup();
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    submit.throwIfFailed();
  }

  /** Submits waiting for a transaction: for tests. */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** Takes the waiting submits (after gathering) and commits them; called holding the lock. */
  private void commitGroup() throws InterruptedException {
    open++;
    List<Submit> group = new ArrayList<>();
    try {
      long left = GATHER_NANOS;
      while (waiting.size() < Math.min(lastGroupSize, MAX_GROUP) && left > 0) {
        left = arrived.awaitNanos(left);
      }
      int rows = 0;
      for (Iterator<Submit> it = waiting.iterator(); it.hasNext() && group.size() < MAX_GROUP; ) {
        Submit next = it.next();
        if (group.isEmpty() || rows + next.rows <= MAX_GROUP_ROWS) {
          it.remove();
          next.taken = true;
          group.add(next);
          rows += next.rows;
        }
      }
      lastGroupSize = group.size();
    } finally {
      if (group.isEmpty()) {
        open--; // interrupted while gathering: another caller commits
        committed.signalAll();
      }
    }
    lock.unlock();
    try {
      commit(group);
    } finally {
      lock.lock();
      open--;
      group.forEach(s -> s.done = true);
      committed.signalAll();
    }
  }

  private void commit(List<Submit> group) {
    try {
      if (!storeTogether(group)) {
        group.forEach(this::storeAlone);
      }
    } catch (Throwable e) {
      // Only an Error gets here: the callers not yet answered must not wait forever.
      group.stream().filter(s -> s.failure == null).forEach(s -> s.failure = e);
      throw e;
    }
  }

  /** True when the group committed; a group of one fails its submit instead of returning false. */
  private boolean storeTogether(List<Submit> group) {
    if (group.size() == 1) {
      storeAlone(group.get(0));
      return true;
    }
    try {
      insert(group);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void storeAlone(Submit submit) {
    try {
      insert(List.of(submit));
    } catch (RuntimeException e) {
      submit.failure = e;
    }
  }

  /** The submits' jobs and first runs, in one transaction. */
  private void insert(List<Submit> submits) {
    store.inTransaction(tx -> {
      tx.insertJobs(submits.stream().flatMap(s -> java.util.stream.Stream.concat(java.util.stream.Stream.of(s.job),
          s.subjobs.stream())).toList());
      tx.insertRuns(submits.stream().flatMap(s -> s.firstRuns.stream()).toList());
      List<CompositeNode> nodes = submits.stream().flatMap(s -> s.firstNodes.stream()).toList();
      if (!nodes.isEmpty()) {
        tx.saveNodes(nodes);
      }
      return null;
    });
  }

  /**
   * About how many rows storing the job writes: its own and its first run's, one per tag and one
   * per search word of its name and description, and its dialect's. Only their number matters, to bound a group.
   */
  static int rows(Job job) {
    return 3 + job.spec().tags().size() + JobQuery.wordsOf(job.name(), job.spec().description()).size();
  }

  /** One caller's submit; its flags are guarded by {@code lock}, its failure set by the group's committer. */
  private static final class Submit {
    final Job job;
    final List<TaskRun> firstRuns;
    final List<CompositeNode> firstNodes;
    final List<Job> subjobs;
    final int rows;
    boolean taken;
    boolean done;
    Throwable failure;

    Submit(Job job, List<Job> subjobs, List<TaskRun> firstRuns, List<CompositeNode> firstNodes) {
      this.job = job;
      this.subjobs = List.copyOf(subjobs);
      this.firstRuns = List.copyOf(firstRuns);
      this.firstNodes = List.copyOf(firstNodes);
      this.rows = rows(job) + firstRuns.size() - 1 + firstNodes.size() + subjobs.stream().mapToInt(SubmitGroups::rows).sum();
    }

    void throwIfFailed() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
    }
  }
}
