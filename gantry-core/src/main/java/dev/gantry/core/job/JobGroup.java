package dev.gantry.core.job;

import dev.gantry.core.spec.EndTrigger;
import java.time.Instant;
import java.util.List;

/**
 * Jobs (by number) that are started and cancelled together; {@code id} is given by the store.
 * {@code triggers} are called once, when the last of its jobs has ended: their condition holds on
 * success when every job succeeded, on failure otherwise.
 */
public record JobGroup(long id, String owner, String note, List<Long> jobs, Instant createdAt, List<EndTrigger> triggers) {

  public JobGroup {
    jobs = List.copyOf(jobs);
    triggers = triggers == null ? List.of() : List.copyOf(triggers);
  }

  /** A group without triggers. */
  public JobGroup(long id, String owner, String note, List<Long> jobs, Instant createdAt) {
    this(id, owner, note, jobs, createdAt, List.of());
  }

  /** This group as stored under {@code newId}. */
  public JobGroup withId(long newId) {
    return new JobGroup(newId, owner, note, jobs, createdAt, triggers);
  }

  /** A group whose jobs have all ended ({@code allSucceeded}: each of them successfully), found by the job that ended last. */
  public record Ended(JobGroup group, boolean allSucceeded) {}
}
