package dev.gantry.core.job;

import java.time.Instant;

/**
 * A chunk of a task run's output from one stream, lines joined with '\n'; {@code number} orders
 * a run's parts, {@code id} all parts of a job. {@code createdAt} is when its first line came.
 */
public record LogPart(long id, String jobId, String runId, int number, Stream stream, String contents, Instant createdAt) {

  /** Which of the container's outputs the lines came from. */
  public enum Stream { STDOUT, STDERR }

  /** A part of standard output. */
  public LogPart(long id, String jobId, String runId, int number, String contents, Instant createdAt) {
    this(id, jobId, runId, number, Stream.STDOUT, contents, createdAt);
  }
}
