package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.Store;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores concurrent submits together (group commit). A commit is the dear part of a submit (H2
 * writes a chunk of its file, PostgreSQL flushes its log), so while {@link #LANES} transactions
 * are open, the submits that arrive wait and then go into the next transaction together: N
 * concurrent callers pay for one commit instead of N. No thread of its own: a caller that finds a
 * lane free commits the waiting submits, its own among them.
 *
 * <p>Every caller returns only after the transaction holding its job committed, and fails if it
 * did not. When a shared transaction fails, its submits are tried again one per transaction, so
 * a submit that cannot be stored fails only its own caller.
 */
final class SubmitGroups {

  /** Transactions open at once: one fills while another commits. */
  static final int LANES = 1;
  /** Submits per transaction at most: keeps a transaction (and its locks) short. */
  static final int MAX_GROUP = 64;

  private final Store store;
  private final Object lock = new Object();
  private final ArrayDeque<Submit> waiting = new ArrayDeque<>();
  private int open;

  SubmitGroups(Store store) {
    this.store = store;
  }

  /** Stores the job and its first run in one transaction, committed when this returns. */
  void store(Job job, TaskRun firstRun) {
    Submit submit = new Submit(job, firstRun);
    boolean interrupted = false;
    synchronized (lock) {
      waiting.add(submit);
    }
    while (true) {
      List<Submit> group = new ArrayList<>();
      synchronized (lock) {
        // Not interruptible: once taken, the submit may commit, and the caller must hear the outcome.
        while (submit.taken ? !submit.done : open >= LANES) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (submit.done) {
          break;
        }
        open++;
        while (!waiting.isEmpty() && group.size() < MAX_GROUP) {
          Submit next = waiting.poll();
          next.taken = true;
          group.add(next);
        }
      }
      commit(group);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    submit.throwIfFailed();
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
    } finally {
      synchronized (lock) {
        open--;
        group.forEach(s -> s.done = true);
        lock.notifyAll();
      }
    }
  }

  /** True when the group committed; a group of one fails its submit instead of returning false. */
  private boolean storeTogether(List<Submit> group) {
    if (group.size() == 1) {
      storeAlone(group.get(0));
      return true;
    }
    try {
      store.inTransaction(tx -> {
        for (Submit submit : group) {
          tx.insertJob(submit.job);
          tx.insertRun(submit.firstRun);
        }
        return null;
      });
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void storeAlone(Submit submit) {
    try {
      store.inTransaction(tx -> {
        tx.insertJob(submit.job);
        tx.insertRun(submit.firstRun);
        return null;
      });
    } catch (RuntimeException e) {
      submit.failure = e;
    }
  }

  /** One caller's submit; its fields are guarded by {@code lock}, or owned by the group's committer. */
  private static final class Submit {
    final Job job;
    final TaskRun firstRun;
    boolean taken;
    boolean done;
    Throwable failure;

    Submit(Job job, TaskRun firstRun) {
      this.job = job;
      this.firstRun = firstRun;
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
