package dev.gantry.server.sourcehut;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.SessionJobs;
import dev.gantry.core.engine.Threads;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.LoggableUrl;
import dev.gantry.server.outbound.GuardedPost;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manifest's webhook triggers: when its job ends and the trigger's condition holds
 * ({@code always}, {@code success}, or {@code failure}: failed, timeout or cancelled), the job's
 * JSON is POSTed to the trigger's URL once, with a 10 s timeout, as sourcehut does, to an address
 * the operator's call target policy allows ({@link GuardedPost}). Best effort and in this process:
 * {@link #deliver} is the one call that sends, the place where the outbox of outgoing calls is to
 * take over (then none is lost to a restart).
 */
final class SourcehutTriggers implements AutoCloseable {

  static final String ANNOTATION = "sourcehut.triggers";
  private static final Logger log = LoggerFactory.getLogger(SourcehutTriggers.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** A webhook trigger as the job keeps it. */
  record Webhook(String condition, String url) {}

  private final JobService jobs;
  private final SessionJobs sessions;
  private final ThreadPoolExecutor senders = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(1000), Threads.named("gantry-sourcehut-trigger"),
      (task, pool) -> log.warn("too many sourcehut triggers waiting; one is dropped"));
  private final GuardedPost http;

  SourcehutTriggers(JobService jobs) {
    this.jobs = jobs;
    this.http = new GuardedPost(jobs.callTargets(), TIMEOUT);
    this.sessions = jobs.sessions();
    senders.allowCoreThreadTimeOut(true);
    jobs.onJobEnded(id -> {
      if (!senders.isShutdown()) {
        senders.execute(() -> jobEnded(id));
      }
    });
  }

  static String write(List<Webhook> webhooks) {
    return new String(JsonResponses.bytes(webhooks), java.nio.charset.StandardCharsets.UTF_8);
  }

  private void jobEnded(String jobId) {
    try {
      Job job = jobs.job(Principal.SYSTEM, jobId); // the process's own call, as a callback
      String kept = job.spec().annotations().get(ANNOTATION);
      if (kept == null) {
        return;
      }
      List<Webhook> webhooks = JsonResponses.mapper().readValue(kept, new TypeReference<List<Webhook>>() {});
      long number = sessions.number(jobId);
      String base = job.spec().annotations().getOrDefault(SourcehutDialect.BASE, "");
      byte[] body = JsonResponses.bytes(SourcehutJobView.of(job, number, sessions.steps(Principal.SYSTEM, jobId), base));
      for (Webhook webhook : webhooks) {
        if (holds(webhook.condition(), job.state())) {
          deliver(URI.create(webhook.url()), body, number);
        }
      }
    } catch (Exception e) {
      log.warn("could not send the triggers of job {}: {}", jobId, e.toString());
    }
  }

  static boolean holds(String condition, JobState end) {
    return switch (condition) {
      case "always" -> true;
      case "success" -> end == JobState.SUCCEEDED;
      default -> end != JobState.SUCCEEDED; // failure: failed, timeout, cancelled
    };
  }

  /** The one outgoing call. */
  private void deliver(URI url, byte[] body, long number) {
    String shown = LoggableUrl.of(url);
    try {
      String result = http.postJson(url, body);
      if (result.startsWith("HTTP 2")) {
        log.debug("webhook of job {} to {}: {}", number, shown, result);
      } else {
        log.info("webhook of job {} to {}: {}", number, shown, result);
      }
    } catch (Exception e) {
      log.info("webhook of job {} to {} failed: {}", number, shown, e.toString());
    }
  }

  @Override
  public void close() {
    senders.shutdownNow();
  }
}
