package dev.gantry.server.sourcehut;

import dev.gantry.core.auth.AccessDeniedException;
import dev.gantry.core.auth.JobAccess;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.job.Job;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may see and change a sourcehut job: its owner and admins always; the users of its
 * {@code access:read} list (or everyone, {@code *}) may read it, those of {@code access:write}
 * also start and cancel it. The one place these lists are read: {@link #of} maps them onto the
 * core's per-job access list ({@link JobAccess}), which the core enforces on every read and change
 * (so {@code GET /api/jobs/ID} and the job's steps, logs and artifacts too), and which the checks
 * here repeat on the lists as the job keeps them. A job the caller may not read is unknown to it (404).
 */
final class SourcehutAccess {

  static final String READ = "sourcehut.access.read";
  static final String WRITE = "sourcehut.access.write";

  private SourcehutAccess() {}

  /**
   * The core's access list for these: {@code *} among the readers is everyone, a name is
   * {@code user:NAME}; {@code *} among the writers grants no one (as on builds.sr.ht here: only
   * listed users may change a job), so it is not carried over.
   */
  static JobAccess of(List<String> readers, List<String> writers) {
    Set<String> read = new LinkedHashSet<>();
    readers.forEach(r -> read.add(JobAccess.EVERYONE.equals(r) ? r : JobAccess.user(r)));
    Set<String> write = new LinkedHashSet<>();
    writers.stream().filter(w -> !JobAccess.EVERYONE.equals(w)).forEach(w -> write.add(JobAccess.user(w)));
    try {
      return new JobAccess(read, write);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException("access:write", e.getMessage());
    }
  }

  static void requireRead(Principal caller, Job job, long number) {
    if (!canRead(caller, job)) {
      throw new NotFoundException("job", Long.toString(number));
    }
  }

  static void requireWrite(Principal caller, Job job, long number) {
    requireRead(caller, job, number);
    if (!isOwner(caller, job) && !list(job, WRITE).contains(caller.user())) {
      throw new AccessDeniedException("You do not have permission to change job " + number);
    }
  }

  static boolean canRead(Principal caller, Job job) {
    List<String> readers = list(job, READ);
    return isOwner(caller, job) || readers.contains("*") || readers.contains(caller.user())
        || list(job, WRITE).contains(caller.user());
  }

  private static boolean isOwner(Principal caller, Job job) {
    return caller.isAdmin() || caller.user().equals(job.owner());
  }

  static List<String> list(Job job, String key) {
    String joined = job.spec().annotations().get(key);
    return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
  }
}
