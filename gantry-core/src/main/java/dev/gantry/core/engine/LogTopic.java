package dev.gantry.core.engine;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.spi.Store;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live output of one followed job: the most recent parts, shared by all of its followers.
 * Publishing costs the same whatever the number of followers: the part is appended once and the
 * followers take it from here, each at its own pace. The window is bounded by characters; a
 * follower that falls further behind than the window reads the store instead.
 */
final class LogTopic {

  private static final Logger log = LoggerFactory.getLogger(LogTopic.class);

  /** What a follower gets from one look at the topic. */
  record Batch(List<LogPart> parts, boolean gap, boolean ended) {}

  private final String jobId;
  private final Store store;
  private final long pollEveryNanos;
  private final int windowChars;
  private final ArrayDeque<LogPart> recent = new ArrayDeque<>();
  private final Object drainLock = new Object();
  private int recentChars;
  private long lastId = -1;
  /** Parts up to this id may be missing from {@link #recent}: a follower behind it reads the store. */
  private long forgottenUpTo;
  private boolean ended;
  private boolean drained;
  private int followers;
  /** When a follower reads the store next: the poll period, or at once after a notice from another process. */
  private long nextPollAt;
  /** When a read of the store also asks whether the job ended: by the poll period only (its end is signalled). */
  private long nextEndCheckAt;

  LogTopic(String jobId, Store store, Duration pollEvery, int windowChars) {
    this.jobId = jobId;
    this.store = store;
    this.pollEveryNanos = pollEvery.toNanos();
    this.windowChars = windowChars;
    this.nextPollAt = System.nanoTime() + pollEveryNanos;
    this.nextEndCheckAt = nextPollAt;
  }

  String jobId() {
    return jobId;
  }

  synchronized void join() {
    followers++;
  }

  /** Returns how many followers are left. */
  synchronized int leave() {
    return --followers;
  }

  synchronized boolean isEnded() {
    return ended;
  }

  /** Everything up to {@code id} was stored before the first follower came: it is in the store, not here. */
  synchronized void startAfter(long id) {
    lastId = Math.max(lastId, id);
    forgottenUpTo = Math.max(forgottenUpTo, id);
  }

  synchronized void publish(LogPart part) {
    if (part.id() <= lastId) {
      return; // announced twice (signal and poll), or stored before the first follower came
    }
    recent.addLast(part);
    recentChars += part.contents().length();
    lastId = part.id();
    while (recentChars > windowChars && recent.size() > 1) {
      LogPart dropped = recent.removeFirst();
      recentChars -= dropped.contents().length();
      forgottenUpTo = dropped.id();
    }
    notifyAll();
  }

  /**
   * Another process stored parts up to {@code partId}: unless they are here already (this
   * process's own, announced twice), a follower reads the store now instead of at the next poll.
   */
  synchronized void storedElsewhere(long partId) {
    if (partId > lastId && !ended) {
      readNow();
    }
  }

  /** Signals may have been missed: a waiting follower wakes and reads the store for parts and the job's end. */
  synchronized void pollNow() {
    nextEndCheckAt = System.nanoTime();
    readNow();
  }

  private void readNow() {
    nextPollAt = System.nanoTime();
    notifyAll();
  }

  synchronized void end() {
    ended = true;
    notifyAll();
  }

  /**
   * Waits until {@code deadline} ({@link System#nanoTime}) for parts after {@code seen} or the
   * job's end, but no longer than until the next poll is due; at most {@code limit} parts.
   */
  synchronized Batch await(long seen, long deadline, int limit) throws InterruptedException {
    while (lastId <= seen && !ended) {
      // Re-read each time: a notice from another process makes the poll due at once.
      long until = deadline - nextPollAt < 0 ? deadline : nextPollAt;
      long left = until - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    if (seen < forgottenUpTo) {
      return new Batch(List.of(), true, ended);
    }
    List<LogPart> parts = new ArrayList<>();
    for (Iterator<LogPart> it = recent.descendingIterator(); it.hasNext(); ) {
      LogPart part = it.next();
      if (part.id() <= seen) {
        break;
      }
      parts.add(0, part);
    }
    return new Batch(parts.size() > limit ? parts.subList(0, limit) : parts, false, ended);
  }

  /**
   * Reads the store for what no signal in this process announced (output of a worker in another
   * process) and whether the job ended, at most once per poll period however many followers ask,
   * and at once (the log only, not the job's state) when another process announced output; a
   * full page keeps the read due.
   */
  void pollIfDue(int limit) {
    long from;
    boolean checkEnd;
    synchronized (this) {
      long now = System.nanoTime();
      if (ended || now - nextPollAt < 0) {
        return;
      }
      nextPollAt = now + pollEveryNanos;
      checkEnd = now - nextEndCheckAt >= 0;
      if (checkEnd) {
        nextEndCheckAt = nextPollAt;
      }
      from = Math.max(lastId, 0);
    }
    try {
      List<LogPart> parts = store.jobLogAfter(jobId, from, limit);
      parts.forEach(this::publish);
      if (parts.size() == limit) {
        synchronized (this) {
          readNow(); // more may be stored: the next follower to look reads on
        }
      }
      if (checkEnd && store.findJob(jobId).map(job -> job.state().isTerminal()).orElse(true)) {
        end();
      }
    } catch (RuntimeException e) {
      // Only a fallback: the followers keep what signals bring, and the next poll tries again.
      log.debug("could not poll the log of job {}: {}", jobId, e.toString());
    }
  }

  /**
   * Once the job has ended, reads the store one last time for parts stored after the end was
   * announced (a cancelled task's last lines) or never announced here. Done once per topic; the
   * other followers wait for it.
   */
  void drainOnce(int limit) {
    synchronized (drainLock) {
      if (drained) {
        return;
      }
      List<LogPart> parts;
      do {
        long from;
        synchronized (this) {
          from = Math.max(lastId, 0);
        }
        parts = store.jobLogAfter(jobId, from, limit);
        parts.forEach(this::publish);
      } while (parts.size() == limit);
      drained = true;
    }
  }
}
