package dev.gantry.server;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.LogFollower;
import dev.gantry.core.engine.Threads;
import dev.gantry.core.job.LogPart;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live log responses: each one follows a job on a thread of its own (not one of the HTTP
 * server's, which would run out), writing and flushing as parts come, until the job ends or the
 * client goes away. A client that went away is noticed at the next write, which then fails.
 */
public final class LogStreams implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LogStreams.class);
  public static final int DEFAULT_MAX_STREAMS = 256;
  private static final Duration WAKE_EVERY = Duration.ofSeconds(1);
  private static final long KEEP_ALIVE_NANOS = Duration.ofSeconds(15).toNanos();

  private final JobService jobs;
  private final ThreadPoolExecutor threads;
  private volatile boolean closed;

  public LogStreams(JobService jobs, int maxStreams) {
    this.jobs = jobs;
    this.threads = new ThreadPoolExecutor(0, maxStreams, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        Threads.named("gantry-log-stream"));
  }

  public LogStreams(JobService jobs) {
    this(jobs, DEFAULT_MAX_STREAMS);
  }

  /**
   * Answers {@code ctx} with the job's output from the part after {@code afterId} until the job
   * ends. Throws NotFoundException for an unknown job, 503 when too many streams are open.
   */
  public void stream(Context ctx, String jobId, long afterId, LogFormat format) {
    LogFollower follower = jobs.follow(Callers.of(ctx), jobId, afterId);
    ctx.status(200).contentType(format.contentType()).header("Cache-Control", "no-cache").header("X-Accel-Buffering", "no");
    // A silent task may print nothing for longer than the connection's idle timeout.
    Request base = Request.getBaseRequest(ctx.req());
    if (base != null) {
      base.getHttpChannel().setIdleTimeout(0);
    }
    // Javalin calls this once the request is asynchronous: only then may another thread write.
    ctx.future(() -> {
      try {
        return CompletableFuture.runAsync(() -> pump(ctx, follower, format), threads);
      } catch (RejectedExecutionException e) {
        follower.close();
        throw new RequestRejectedException(503, "too many live log streams are open; try again later");
      }
    });
  }

  private void pump(Context ctx, LogFollower follower, LogFormat format) {
    try (follower) {
      OutputStream out = ctx.res().getOutputStream();
      ctx.res().flushBuffer(); // the status and headers go out now, before the first line
      long lastWrite = System.nanoTime();
      while (!closed && !follower.isDone()) {
        List<LogPart> parts = follower.next(WAKE_EVERY);
        for (LogPart part : parts) {
          format.part(part, out);
        }
        if (!parts.isEmpty()) {
          out.flush();
          lastWrite = System.nanoTime();
        } else if (format.keepAlive() != null && System.nanoTime() - lastWrite > KEEP_ALIVE_NANOS) {
          out.write(format.keepAlive());
          out.flush();
          lastWrite = System.nanoTime();
        }
      }
      if (follower.isDone()) {
        format.end(jobs.job(follower.jobId()), out);
        out.flush();
      }
    } catch (IOException e) {
      log.debug("log stream of job {} ended: the client went away ({})", follower.jobId(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The response is under way: all that can be done is to end it.
      log.warn("log stream of job {} failed: {}", follower.jobId(), e.toString());
    }
  }

  /** Ends the open streams within a second (their responses end early) and lets their threads go. */
  @Override
  public void close() {
    closed = true;
    threads.shutdown();
  }
}
