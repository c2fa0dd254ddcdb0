package dev.gantry.server.tork;

import dev.gantry.core.job.LogPart;
import java.time.Instant;

/** A part of a task run's output, as Tork pages it. Ids are strings, as all of Tork's ids are. */
record LogPartView(String id, int number, String taskId, String contents, Instant createdAt) {

  static LogPartView of(LogPart part) {
    return new LogPartView(Long.toString(part.id()), part.number(), part.runId(), part.contents(), part.createdAt());
  }
}
