package dev.gantry.core.engine;

import dev.gantry.core.spec.SessionPlan;
import dev.gantry.core.spi.RuntimeSession;
import dev.gantry.core.spi.SessionFailure;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.TaskExecution;
import java.time.Clock;

/** Reads a session's artifacts out of its environment once every step succeeded, and keeps them in the store. */
final class ArtifactCollector {

  private final Store store;
  private final Clock clock;

  ArtifactCollector(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Returns null when every artifact was kept, else why not (the run then fails with it). */
  String collect(RuntimeSession session, TaskExecution task, SessionPlan plan) {
    if (plan.artifacts().size() > plan.limits().count()) {
      return "at most " + plan.limits().count() + " artifacts are allowed, not " + plan.artifacts().size();
    }
    for (String path : plan.artifacts()) {
      byte[] content;
      try {
        content = session.readFile(path, plan.limits().bytesEach());
      } catch (SessionFailure e) {
        return "artifact " + e.getMessage();
      }
      store.insertArtifact(task.jobId(), task.runId(), path, path.substring(path.lastIndexOf('/') + 1), content,
          clock.instant());
    }
    return null;
  }
}
