package dev.gantry.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Sends "job J has output up to part P" notices to the other processes, off the writer's thread,
 * after the part's own transaction committed. Not in that transaction: PostgreSQL commits
 * notifying transactions one at a time, each holding its turn through its WAL flush, so log
 * writes that notify would queue behind each other across the whole cluster (measured with
 * pgbench on PostgreSQL 15: 4 clients inserting 4 KB parts, 960 commits/s plain, 180/s with a
 * NOTIFY in each; a separate notify-only transaction writes no WAL, 3,000/s, and slows the inserts
 * not at all). Parts stored while a send is under way are coalesced, per job the highest id, into
 * the next send: one transaction for any number of parts and jobs.
 */
final class LogNotices implements AutoCloseable {

  /** Jobs per send: a statement of bounded size (a payload is at most 84 bytes: job ids have at most 64 characters). */
  static final int MAX_PER_SEND = 100;

  private final Consumer<List<String>> send;
  private final NoticeSender<Map<String, Long>> sender;
  private Map<String, Long> pending = new LinkedHashMap<>(); // guarded by the sender's lock

  /** {@code send} sends each payload ({@code job id:part id}) as one notification, in one transaction; it must not throw. */
  LogNotices(Consumer<List<String>> send) {
    this.send = send;
    this.sender = new NoticeSender<>("gantry-log-notices", this::take, this::sendBatch);
  }

  void start() {
    sender.start();
  }

  /** Asks for a notice that the job's output up to {@code partId} is stored; returns at once. */
  void announce(String jobId, long partId) {
    sender.request(() -> pending.merge(jobId, partId, Math::max));
  }

  private Map<String, Long> take() {
    if (pending.isEmpty()) {
      return null;
    }
    Map<String, Long> batch = pending;
    pending = new LinkedHashMap<>();
    return batch;
  }

  private void sendBatch(Map<String, Long> batch) {
    List<String> payloads = new ArrayList<>(batch.size());
    batch.forEach((jobId, partId) -> payloads.add(jobId + ":" + partId));
    for (int from = 0; from < payloads.size(); from += MAX_PER_SEND) {
      send.accept(payloads.subList(from, Math.min(payloads.size(), from + MAX_PER_SEND)));
    }
  }

  /** Stops the sender; notices still pending are dropped (followers elsewhere poll). */
  @Override
  public void close() {
    sender.close();
  }
}
