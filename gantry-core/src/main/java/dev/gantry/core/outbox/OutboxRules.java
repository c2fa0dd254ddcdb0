package dev.gantry.core.outbox;

import dev.gantry.core.engine.Ids;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.TaskRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which outgoing calls a state change causes: pure, so that the transaction making the change can
 * write them with it. A job that ends with a {@code callbackUrl} calls it (Hades).
 */
public final class OutboxRules {

  private OutboxRules() {}

  /** The calls caused by a job going from {@code before} (null: it is new) to {@code after}. */
  public static List<Delivery> jobChanged(Job before, Job after, Instant now) {
    if (before != null && before.state() == after.state()) {
      return List.of();
    }
    List<Delivery> calls = new ArrayList<>();
    String callback = after.spec().callbackUrl();
    if (callback != null && after.state().isTerminal()) {
      calls.add(Delivery.pending(Ids.newId(), Delivery.HADES_CALLBACK, after.id(), null, "job.StateChange", callback,
          Map.of(), after.state().name(), now));
    }
    return calls;
  }

  /** The calls caused by a run of {@code job} going from {@code before} (null: it is new) to {@code after}. */
  public static List<Delivery> runChanged(Job job, TaskRun before, TaskRun after, Instant now) {
    return List.of();
  }
}
