package dev.gantry.server.sourcehut;

import dev.gantry.core.auth.AccessDeniedException;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.job.Job;
import java.util.Arrays;
import java.util.List;

/**
 * Who may see and change a sourcehut job: its owner and admins always; the users of its
 * {@code access:read} list (or everyone, {@code *}) may read it, those of {@code access:write}
 * also start and cancel it. The one place these lists are read: when the core has per-job access
 * lists, this maps onto them. A job the caller may not read is unknown to it (404).
 */
final class SourcehutAccess {

  static final String READ = "sourcehut.access.read";
  static final String WRITE = "sourcehut.access.write";

  private SourcehutAccess() {}

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
