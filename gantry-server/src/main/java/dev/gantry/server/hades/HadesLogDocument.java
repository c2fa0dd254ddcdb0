package dev.gantry.server.hades;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.Callers;
import dev.gantry.server.JsonResponses;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's logs in the shape of Hades' log manager, {@code {"logs": [{"job_id", "container_id",
 * "logs": [{"timestamp", "message", "output_stream"}]}]}}, one entry per step container (a task
 * run: its id is the {@code container_id}), in step order, a message per line ({@link HadesLineJoiner}).
 * Written as it is read from the store, page by page, so a large log never sits in memory whole.
 */
final class HadesLogDocument {

  private static final int PAGE = 64;

  private HadesLogDocument() {}

  /** Answers {@code ctx} with the document of job {@code jobId}; an unknown job is a NotFoundException before anything is written. */
  static void answer(Context ctx, JobService jobs, String jobId) throws IOException {
    jobs.job(Callers.of(ctx), jobId); // the caller may read this job: the reads below need no further check
    ctx.status(200).contentType(JsonResponses.CONTENT_TYPE);
    try (OutputStream out = ctx.res().getOutputStream()) {
      write(jobs, jobId, out);
    }
  }

  static void write(JobService jobs, String jobId, OutputStream out) throws IOException {
    List<TaskRun> runs = jobs.runs(jobId);
    Map<String, Integer> runIndex = new HashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      runIndex.put(runs.get(i).id(), i);
    }
    Parts parts = new Parts(jobs, jobId);
    try (JsonGenerator json = JsonResponses.mapper().getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("logs");
      for (int i = 0; i < runs.size(); i++) {
        json.writeStartObject();
        json.writeStringField("job_id", jobId);
        json.writeStringField("container_id", runs.get(i).id());
        json.writeArrayFieldStart("logs");
        HadesLineJoiner lines = new HadesLineJoiner((timestamp, message, stream) -> message(json, timestamp, message, stream));
        // Runs are sequential, so their parts come one run after the other.
        for (LogPart part = parts.peek(); part != null && runIndex.getOrDefault(part.runId(), i) <= i; part = parts.peek()) {
          lines.add(parts.take());
        }
        lines.finish();
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static void message(JsonGenerator json, String timestamp, String message, String stream) throws IOException {
    json.writeStartObject();
    json.writeStringField("timestamp", timestamp);
    json.writeStringField("message", message);
    json.writeStringField("output_stream", stream);
    json.writeEndObject();
  }

  /** The job's parts oldest first, fetched a page at a time. */
  private static final class Parts {
    private final JobService jobs;
    private final String jobId;
    private final Deque<LogPart> page = new ArrayDeque<>();
    private long after;
    private boolean exhausted;

    Parts(JobService jobs, String jobId) {
      this.jobs = jobs;
      this.jobId = jobId;
    }

    LogPart peek() {
      if (page.isEmpty() && !exhausted) {
        List<LogPart> next = jobs.logAfter(jobId, after, PAGE);
        page.addAll(next);
        exhausted = next.size() < PAGE;
        if (!next.isEmpty()) {
          after = next.get(next.size() - 1).id();
        }
      }
      return page.peekFirst();
    }

    LogPart take() {
      return page.removeFirst();
    }
  }
}
