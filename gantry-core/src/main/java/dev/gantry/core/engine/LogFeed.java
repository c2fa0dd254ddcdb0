package dev.gantry.core.engine;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.Store;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live job output for followers in this process. Parts announced by {@link Signals#logAppended}
 * go to the followed job's {@link LogTopic} (jobs nobody follows cost a map lookup); parts another
 * process stored ({@link Signals#onLogStoredElsewhere}) make the topic read the store at once, by
 * one of its followers, instead of at its next poll. Followers read history from the store first,
 * then the topic. Topics exist only while followed.
 */
public final class LogFeed {

  static final int PAGE = 64;
  static final int WINDOW_CHARS = 1 << 20;
  static final int POLL_SECONDS_ACROSS_PROCESSES = 5;

  private final Store store;
  private final Duration pollEvery;
  private final int windowChars;
  private final Map<String, LogTopic> topics = new ConcurrentHashMap<>();
  private final AtomicInteger followers = new AtomicInteger();

  /**
   * {@code pollEvery}: how often a followed job's store is read for output and its end that no
   * signal announced; {@code windowChars}: how much recent output is kept per followed job.
   */
  public LogFeed(Store store, Signals signals, Duration pollEvery, int windowChars) {
    this.store = store;
    this.pollEvery = pollEvery;
    this.windowChars = windowChars;
    signals.onLogAppended(this::publish);
    signals.onJobEnded(this::jobEnded);
    signals.onLogStoredElsewhere(this::storedElsewhere);
    signals.onSignalsMissed(() -> topics.values().forEach(LogTopic::pollNow));
  }

  /**
   * Polls a followed job once a second; every {@value #POLL_SECONDS_ACROSS_PROCESSES} s when the
   * signals announce other processes' output, so that the poll only covers a lost notification.
   */
  public LogFeed(Store store, Signals signals) {
    this(store, signals, Duration.ofSeconds(signals.reachesOtherProcesses() ? POLL_SECONDS_ACROSS_PROCESSES : 1),
        WINDOW_CHARS);
  }

  /**
   * Follows the job's output from the part after {@code afterId} (0: from the start) to the job's
   * end. The caller must close the follower. Throws NotFoundException for an unknown job.
   */
  public LogFollower follow(String jobId, long afterId) {
    boolean[] created = new boolean[1];
    LogTopic topic = topics.compute(jobId, (id, current) -> {
      // An ended topic stays with the followers still reading it; a restarted job gets a new one.
      LogTopic t = current == null || current.isEnded() ? new LogTopic(id, store, pollEvery, windowChars) : current;
      created[0] = t != current;
      t.join();
      return t;
    });
    followers.incrementAndGet();
    try {
      if (created[0]) {
        topic.startAfter(store.lastLogId(jobId));
      }
      boolean ended = store.findJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId)).state().isTerminal();
      return new LogFollower(this, topic, store, afterId, ended);
    } catch (RuntimeException e) {
      leave(topic);
      throw e;
    }
  }

  /** Followers open now, in this process. */
  public int followerCount() {
    return followers.get();
  }

  /** Jobs being followed now. */
  int topicCount() {
    return topics.size();
  }

  void leave(LogTopic topic) {
    followers.decrementAndGet();
    if (topic.leave() == 0) {
      topics.remove(topic.jobId(), topic);
    }
  }

  private void publish(LogPart part) {
    LogTopic topic = topics.get(part.jobId());
    if (topic != null) {
      topic.publish(part);
    }
  }

  private void storedElsewhere(String jobId, long partId) {
    LogTopic topic = topics.get(jobId);
    if (topic != null) {
      topic.storedElsewhere(partId);
    }
  }

  private void jobEnded(String jobId) {
    LogTopic topic = topics.get(jobId);
    if (topic != null) {
      topic.end();
    }
  }
}
