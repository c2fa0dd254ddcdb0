package dev.gantry.server.hades;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.Threads;
import dev.gantry.core.job.Job;
import dev.gantry.server.LoggableUrl;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hades' {@code callback_url}: when a job that has one ends, its logs (the log manager's JSON) are
 * POSTed there, retried with growing pauses while the receiver fails. All of it happens on threads
 * of its own, so a slow or failing receiver never holds up a job. The document is written to a
 * temporary file first: it may be large, and each retry sends it again. Best effort: callbacks
 * still pending when the process stops are not sent.
 */
final class HadesCallbacks implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HadesCallbacks.class);
  /** The pauses before the 2nd, 3rd and 4th attempt. */
  static final List<Duration> DEFAULT_BACKOFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(25));
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_WAITING = 1000;

  private final JobService jobs;
  private final List<Duration> backoff;
  private final ThreadPoolExecutor writers = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(MAX_WAITING), Threads.named("gantry-hades-callback"), (task, pool) ->
      log.warn("too many Hades callbacks waiting ({}); one is dropped", MAX_WAITING));
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(Threads.named("gantry-hades-retry"));
  private final ThreadPoolExecutor senders = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), Threads.named("gantry-hades-http"));
  /** Built for the first callback: building one loads the JDK's TLS trust store, a tenth of start-up. */
  private HttpClient http;

  HadesCallbacks(JobService jobs, List<Duration> backoff) {
    this.jobs = jobs;
    this.backoff = List.copyOf(backoff);
    writers.allowCoreThreadTimeOut(true);
    senders.allowCoreThreadTimeOut(true);
    jobs.onJobEnded(this::jobEnded);
  }

  /** Runs on the thread that ended the job: only hands the work on. */
  private void jobEnded(String jobId) {
    if (!writers.isShutdown()) {
      writers.execute(() -> prepare(jobId));
    }
  }

  private void prepare(String jobId) {
    try {
      Job job = jobs.job(jobId);
      String url = job.spec().callbackUrl();
      if (url == null) {
        return;
      }
      Path body = Files.createTempFile("gantry-hades-callback-", ".json");
      try (OutputStream out = Files.newOutputStream(body)) {
        HadesLogDocument.write(jobs, jobId, out);
      }
      attempt(jobId, URI.create(url), body, 1);
    } catch (IOException | RuntimeException e) {
      log.warn("could not prepare the callback of job {}: {}", jobId, e.toString());
    }
  }

  private void attempt(String jobId, URI url, Path body, int attempt) {
    String shown = LoggableUrl.of(url); // the URL may carry credentials (user:password@, ?token=)
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofFile(body)).build();
    } catch (IOException e) {
      log.warn("callback of job {} lost its body: {}", jobId, e.toString());
      return;
    }
    http().sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
      if (error == null && response.statusCode() / 100 == 2) {
        log.debug("callback of job {} delivered to {} (attempt {})", jobId, shown, attempt);
        delete(body);
        return;
      }
      String why = error != null ? error.toString() : "HTTP " + response.statusCode();
      if (attempt > backoff.size() || retries.isShutdown()) {
        log.warn("callback of job {} to {} failed {} times, giving up: {}", jobId, shown, attempt, why);
        delete(body);
        return;
      }
      Duration pause = backoff.get(attempt - 1);
      log.info("callback of job {} to {} failed ({}); retrying in {}", jobId, shown, why, pause);
      try {
        retries.schedule(() -> attempt(jobId, url, body, attempt + 1), pause.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        delete(body);
      }
    });
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(senders).build();
    }
    return http;
  }

  private static void delete(Path body) {
    try {
      Files.deleteIfExists(body);
    } catch (IOException e) {
      log.debug("could not delete {}: {}", body, e.toString());
    }
  }

  @Override
  public void close() {
    writers.shutdownNow();
    retries.shutdownNow();
    senders.shutdown();
  }
}
