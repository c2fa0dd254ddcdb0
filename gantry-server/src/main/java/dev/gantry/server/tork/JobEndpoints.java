package dev.gantry.server.tork;

import dev.gantry.core.engine.JobEndWaits;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobDocuments;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spec.JobWait;
import dev.gantry.core.spec.SpecNode;
import dev.gantry.server.Callers;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.LogFormat;
import dev.gantry.server.LogRequests;
import dev.gantry.server.LogStreams;
import dev.gantry.server.PlainLog;
import dev.gantry.server.QueryParameters;
import dev.gantry.server.RequestBody;
import dev.gantry.server.RequestRejectedException;
import io.javalin.http.Context;
import org.eclipse.jetty.server.Request;
import java.util.Map;

/** The native {@code /jobs} endpoints. */
final class JobEndpoints {

  /** Tork's page sizes for job lists. */
  static final int DEFAULT_PAGE_SIZE = 10;
  /** Tork's page sizes for logs. */
  static final int DEFAULT_LOG_PAGE_SIZE = 25;
  static final int MAX_LOG_PAGE_SIZE = 100;
  /** Keeps {@code (page - 1) * size} within an int for every page size. */
  static final int MAX_PAGE = Integer.MAX_VALUE / MAX_LOG_PAGE_SIZE;

  private final JobService jobs;
  private final long maxRequestBytes;
  private final LogStreams logStreams;
  private final JobEndWaits waits;

  JobEndpoints(JobService jobs, long maxRequestBytes, LogStreams logStreams, JobEndWaits waits) {
    this.jobs = jobs;
    this.waits = waits;
    this.maxRequestBytes = maxRequestBytes;
    this.logStreams = logStreams;
  }

  void list(Context ctx) {
    int page = QueryParameters.integer(ctx, "page", 1, 1, MAX_PAGE);
    int size = QueryParameters.integer(ctx, "size", DEFAULT_PAGE_SIZE, 1, JobQuery.MAX_SIZE);
    JobQuery query = JobQuery.parse(TorkStates.searchWords(ctx.queryParam("q")), page, size);
    JsonResponses.write(ctx, 200, PageView.of(jobs.list(Callers.of(ctx), query), JobSummaryView::of));
  }

  /** Checks the content type before reading the body, and reads the body before parsing it. */
  void submit(Context ctx) {
    Format format = JobDocumentTypes.of(ctx.header("Content-Type"));
    String body = RequestBody.utf8(ctx, maxRequestBytes);
    JobSpec spec;
    JobWait wait;
    try {
      SpecNode document = SpecNode.root(JobDocuments.parse(body, format));
      spec = JobSpecReader.read(document);
      wait = JobWait.read(document);
    } catch (InvalidJobException e) {
      if ("schedule".equals(e.field())) {
        // Tork's web UI sends a job with a cron to /scheduled-jobs; a client that sends it here means the same.
        throw new InvalidJobException("schedule", "a job with a schedule is created with POST /scheduled-jobs");
      }
      throw e;
    }
    if (wait == null) {
      JsonResponses.write(ctx, 200, JobSummaryView.of(jobs.submit(Callers.of(ctx), spec)));
      return;
    }
    JobEndWaits.Reservation reservation;
    try {
      reservation = waits.reserve();
    } catch (JobEndWaits.TooManyWaitsException e) {
      throw new RequestRejectedException(503, e.getMessage());
    }
    Job job;
    try {
      job = jobs.submit(Callers.of(ctx), spec);
    } catch (RuntimeException e) {
      reservation.close();
      throw e;
    }
    answerWhenEnded(ctx, job, reservation, wait);
  }

  /**
   * Tork's {@code wait}: the job as {@code GET /jobs/{id}} shows it once it has ended, or 408 when
   * the timeout passes first (the job keeps running). No thread is held meanwhile.
   */
  private void answerWhenEnded(Context ctx, Job job, JobEndWaits.Reservation reservation, JobWait wait) {
    // The connection is silent while the job runs: it must outlast the wait, not the idle timeout.
    Request base = Request.getBaseRequest(ctx.req());
    if (base != null) {
      base.getHttpChannel().setIdleTimeout(wait.timeout().plusSeconds(30).toMillis());
    }
    ctx.future(() -> reservation.whenEnded(job.id(), wait.timeout()).thenAccept(ended -> {
      if (ended.isPresent()) {
        JsonResponses.write(ctx, 200, JobView.of(ended.get(), jobs.runs(Callers.of(ctx), job.id())));
      } else {
        ctx.header("Location", "/jobs/" + job.id());
        JsonResponses.write(ctx, 408, new MessageView("timeout waiting for job " + job.id() + " to complete"));
      }
    }));
  }

  void get(Context ctx) {
    String id = PathIds.id(ctx, "job");
    Job job = jobs.job(Callers.of(ctx), id);
    JsonResponses.write(ctx, 200, JobView.of(job, jobs.runs(Callers.of(ctx), id)));
  }

  void cancel(Context ctx) {
    jobs.cancel(Callers.of(ctx), PathIds.id(ctx, "job"));
    JsonResponses.write(ctx, 200, StatusView.OK);
  }

  void restart(Context ctx) {
    jobs.restart(Callers.of(ctx), PathIds.id(ctx, "job"));
    JsonResponses.write(ctx, 200, StatusView.OK);
  }

  /** Starts a held job (PENDING: builds.sr.ht's {@code execute: false}), as builds.sr.ht's own start does. */
  void start(Context ctx) {
    jobs.start(Callers.of(ctx), PathIds.id(ctx, "job"));
    JsonResponses.write(ctx, 200, StatusView.OK);
  }

  void log(Context ctx) {
    String id = PathIds.id(ctx, "job");
    int page = QueryParameters.integer(ctx, "page", 1, 1, MAX_PAGE);
    int size = QueryParameters.integer(ctx, "size", DEFAULT_LOG_PAGE_SIZE, 1, MAX_LOG_PAGE_SIZE);
    JsonResponses.write(ctx, 200, PageView.of(jobs.jobLog(Callers.of(ctx), id, page, size), LogPartView::of));
  }

  /** The job's outgoing calls (callbacks, webhooks) and how each went: {@code {"items": [...]}}, oldest first. */
  void deliveries(Context ctx) {
    String id = PathIds.id(ctx, "job");
    JsonResponses.write(ctx, 200, Map.of("items",
        jobs.deliveries(Callers.of(ctx), id).stream().map(DeliveryView::of).toList()));
  }

  /** The job's output from the start (or after a part) and then live until the job ends. */
  void logStream(Context ctx) {
    String id = PathIds.id(ctx, "job");
    LogFormat format = LogRequests.wantsEvents(ctx) ? NativeLogEvents.INSTANCE : PlainLog.INSTANCE;
    logStreams.stream(ctx, id, LogRequests.after(ctx), format);
  }
}
