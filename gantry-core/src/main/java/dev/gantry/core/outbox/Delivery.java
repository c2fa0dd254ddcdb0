package dev.gantry.core.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One outgoing call, as the outbox keeps it: written in the transaction of the state change that
 * causes it, then delivered (at least once) by an {@link dev.gantry.core.engine.OutboxSender}.
 * {@code id} is sent as {@code X-Gantry-Delivery} on every attempt, so a receiver can drop
 * duplicates. {@code kind} says how the body is made ({@link #HADES_CALLBACK}, {@link #WEBHOOK});
 * {@code event} is what happened ({@code job.StateChange}, ...) to the job, or to its run
 * {@code runId} (null for job events); {@code subjectState} is the job's or run's state the event
 * reports, {@code subjectPosition} the job's position then (job events); {@code headers} are sent as given (templates already evaluated). {@code attempts}
 * counts the attempts started, {@code lastError} says why the last one failed. {@code secretHeaders}
 * names the headers whose templates read the job's {@code secrets}: the store keeps those sealed,
 * opens them only for the sender that claims the call, and shows them to nobody.
 */
public record Delivery(
    String id,
    String kind,
    String jobId,
    String runId,
    String event,
    String url,
    Map<String, String> headers,
    String subjectState,
    Integer subjectPosition,
    DeliveryState state,
    int attempts,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant deliveredAt,
    String lastError,
    Set<String> secretHeaders) {

  /** Hades' {@code callback_url}: the job's logs as its log manager's JSON, when the job ends. */
  public static final String HADES_CALLBACK = "hades.callback";
  /** A Tork webhook: the job summary or the task, as Tork sends them. */
  public static final String WEBHOOK = "webhook";
  /** A builds.sr.ht webhook trigger: the job's JSON as builds.sr.ht shows it. */
  public static final String SOURCEHUT_WEBHOOK = "sourcehut.webhook";
  /** An email about the job, sent over SMTP to the {@code mailto:} address list of its {@code url}. */
  public static final String EMAIL = "email";
  /** The event of an end trigger's call: the job ended. */
  public static final String JOB_ENDED = "job.Ended";
  /** The event of a job group's trigger: the last of its jobs ended. */
  public static final String GROUP_ENDED = "group.Ended";
  /** The header naming the job group a group call is about. */
  public static final String GROUP_HEADER = "X-Gantry-Job-Group";

  public Delivery {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    secretHeaders = secretHeaders == null ? Set.of() : Set.copyOf(secretHeaders);
  }

  /** A call none of whose headers holds a secret. */
  public Delivery(String id, String kind, String jobId, String runId, String event, String url, Map<String, String> headers,
      String subjectState, Integer subjectPosition, DeliveryState state, int attempts, Instant createdAt, Instant nextAttemptAt,
      Instant deliveredAt, String lastError) {
    this(id, kind, jobId, runId, event, url, headers, subjectState, subjectPosition, state, attempts, createdAt, nextAttemptAt,
        deliveredAt, lastError, Set.of());
  }

  /** A new call, due at once. */
  public static Delivery pending(String id, String kind, String jobId, String runId, String event, String url,
      Map<String, String> headers, String subjectState, Integer subjectPosition, Instant now) {
    return pending(id, kind, jobId, runId, event, url, headers, Set.of(), subjectState, subjectPosition, now);
  }

  /** A new call, due at once, whose headers {@code secretHeaders} hold secrets. */
  public static Delivery pending(String id, String kind, String jobId, String runId, String event, String url,
      Map<String, String> headers, Set<String> secretHeaders, String subjectState, Integer subjectPosition, Instant now) {
    return new Delivery(id, kind, jobId, runId, event, url, headers, subjectState, subjectPosition, DeliveryState.PENDING,
        0, now, now, null, null, secretHeaders);
  }

  /** This call with {@code shown} for its headers (those the store does not open for the reader, say). */
  public Delivery withHeaders(Map<String, String> shown) {
    return new Delivery(id, kind, jobId, runId, event, url, shown, subjectState, subjectPosition, state, attempts, createdAt,
        nextAttemptAt, deliveredAt, lastError, secretHeaders);
  }

  /** This call received by its target at {@code at}. */
  public Delivery delivered(Instant at) {
    return new Delivery(id, kind, jobId, runId, event, url, headers, subjectState, subjectPosition, DeliveryState.DELIVERED, attempts,
        createdAt, nextAttemptAt, at, lastError, secretHeaders);
  }

  /** This call to be tried again at {@code next}, the last attempt having failed for {@code error}. */
  public Delivery retryAt(Instant next, String error) {
    return new Delivery(id, kind, jobId, runId, event, url, headers, subjectState, subjectPosition, DeliveryState.PENDING, attempts,
        createdAt, next, null, error, secretHeaders);
  }

  /** This call given up, for {@code error}. */
  public Delivery failed(String error) {
    return new Delivery(id, kind, jobId, runId, event, url, headers, subjectState, subjectPosition, DeliveryState.FAILED, attempts,
        createdAt, nextAttemptAt, null, error, secretHeaders);
  }

  /** This call as a sender that just claimed it holds it: one more attempt started. */
  public Delivery claimed() {
    return new Delivery(id, kind, jobId, runId, event, url, headers, subjectState, subjectPosition, state, attempts + 1, createdAt,
        nextAttemptAt, deliveredAt, lastError, secretHeaders);
  }
}
