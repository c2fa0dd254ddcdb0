package dev.gantry.core.engine;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.job.JobGroup;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.util.List;

/** Groups of jobs (by number) their owner starts and cancels together. */
public final class JobGroups {

  private final Store store;
  private final Clock clock;

  JobGroups(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Stores a group of the caller's (who needs {@code jobs:write}); the caller checked the jobs. */
  public JobGroup create(Principal caller, String note, List<Long> jobs) {
    return create(caller, note, jobs, List.of());
  }

  /** The same, with {@code triggers} called once its last job ended. */
  public JobGroup create(Principal caller, String note, List<Long> jobs, List<EndTrigger> triggers) {
    caller.require(Scope.JOBS_WRITE);
    return store.insertGroup(new JobGroup(0, caller.user(), note, jobs, clock.instant(), triggers));
  }

  /** The group, if the caller may see it (its owner, or an admin). */
  public JobGroup group(Principal caller, long id) {
    caller.require(Scope.JOBS_READ);
    return store.findGroup(id).filter(g -> caller.isAdmin() || g.owner().equals(caller.user()))
        .orElseThrow(() -> new NotFoundException("job group", Long.toString(id)));
  }
}
