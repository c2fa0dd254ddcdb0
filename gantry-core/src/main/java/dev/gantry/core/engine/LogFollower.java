package dev.gantry.core.engine;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.spi.Store;
import java.time.Duration;
import java.util.List;

/**
 * One reader of a job's output: first what the store holds, then the live tail, in order, each
 * part once (parts are told apart by id), until the job has ended and everything is delivered.
 * Not thread-safe: one thread reads it. Close it when done, also when the reader goes away.
 */
public final class LogFollower implements AutoCloseable {

  private final LogFeed feed;
  private final LogTopic topic;
  private final Store store;
  private final boolean endedAtStart;
  private long seen;
  private boolean fromStore = true;
  private boolean done;
  private boolean closed;

  LogFollower(LogFeed feed, LogTopic topic, Store store, long afterId, boolean endedAtStart) {
    this.feed = feed;
    this.topic = topic;
    this.store = store;
    this.seen = Math.max(0, afterId);
    this.endedAtStart = endedAtStart;
  }

  public String jobId() {
    return topic.jobId();
  }

  /**
   * The next parts, oldest first, waiting up to {@code wait} for new ones; empty when none came
   * in time or when the follower is done.
   */
  public List<LogPart> next(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!done) {
      if (fromStore) {
        List<LogPart> page = store.jobLogAfter(topic.jobId(), seen, LogFeed.PAGE);
        if (!page.isEmpty()) {
          return delivered(page);
        }
        fromStore = false;
        if (endedAtStart) {
          done = true;
          break;
        }
      }
      LogTopic.Batch batch = topic.await(seen, deadline, LogFeed.PAGE);
      if (batch.gap()) {
        fromStore = true; // fell behind the topic's window: catch up from the store
      } else if (!batch.parts().isEmpty()) {
        return delivered(batch.parts());
      } else if (batch.ended()) {
        topic.drainOnce(LogFeed.PAGE);
        LogTopic.Batch last = topic.await(seen, System.nanoTime(), LogFeed.PAGE);
        if (last.gap()) {
          fromStore = true;
          continue;
        }
        if (last.parts().isEmpty()) {
          done = true;
          break;
        }
        return delivered(last.parts());
      } else {
        topic.pollIfDue(LogFeed.PAGE);
        if (System.nanoTime() - deadline >= 0) {
          return List.of();
        }
      }
    }
    return List.of();
  }

  /** Whether the job has ended and every part has been delivered. */
  public boolean isDone() {
    return done;
  }

  /** The id of the last part delivered (0 before the first). */
  public long lastId() {
    return seen;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      feed.leave(topic);
    }
  }

  private List<LogPart> delivered(List<LogPart> parts) {
    seen = parts.get(parts.size() - 1).id();
    return parts;
  }
}
