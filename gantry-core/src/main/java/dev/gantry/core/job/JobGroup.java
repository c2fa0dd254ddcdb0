package dev.gantry.core.job;

import java.time.Instant;
import java.util.List;

/** Jobs (by number) that are started and cancelled together; {@code id} is given by the store. */
public record JobGroup(long id, String owner, String note, List<Long> jobs, Instant createdAt) {

  public JobGroup {
    jobs = List.copyOf(jobs);
  }
}
