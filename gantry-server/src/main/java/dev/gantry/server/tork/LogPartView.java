package dev.gantry.server.tork;

import dev.gantry.core.job.LogPart;
import java.time.Instant;
import java.util.Locale;

/**
 * A part of a task run's output, as Tork pages it, plus the stream it came from ({@code stdout}
 * or {@code stderr}). Ids are strings, as all of Tork's ids are.
 */
record LogPartView(String id, int number, String taskId, String stream, String contents, Instant createdAt) {

  static LogPartView of(LogPart part) {
    return new LogPartView(Long.toString(part.id()), part.number(), part.runId(),
        part.stream().name().toLowerCase(Locale.ROOT), part.contents(), part.createdAt());
  }
}
