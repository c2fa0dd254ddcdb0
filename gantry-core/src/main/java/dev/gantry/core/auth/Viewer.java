package dev.gantry.core.auth;

import dev.gantry.core.job.Job;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A caller as jobs' access lists name it: the grantees it is ({@code *}, {@code user:NAME} and
 * {@code role:NAME} of each of its roles), or every job's reader and writer (an admin: {@link #ALL}).
 */
public record Viewer(Set<String> grantees) {

  /** Sees and changes every job: admins, and the process itself. */
  public static final Viewer ALL = new Viewer(null);

  public Viewer {
    grantees = grantees == null ? null : Set.copyOf(grantees);
  }

  /** The viewer of {@code caller}, a member of {@code roles}. */
  public static Viewer of(Principal caller, Set<String> roles) {
    if (caller.isAdmin()) {
      return ALL;
    }
    Set<String> grantees = new LinkedHashSet<>();
    grantees.add(JobAccess.EVERYONE);
    grantees.add(JobAccess.user(caller.user()));
    roles.forEach(role -> grantees.add(JobAccess.role(role)));
    return new Viewer(grantees);
  }

  public boolean seesAll() {
    return grantees == null;
  }

  public boolean canRead(Job job) {
    return seesAll() || job.spec().access().grants(job.owner()).keySet().stream().anyMatch(grantees::contains);
  }

  public boolean canChange(Job job) {
    if (seesAll()) {
      return true;
    }
    for (Map.Entry<String, Boolean> grant : job.spec().access().grants(job.owner()).entrySet()) {
      if (grant.getValue() && grantees.contains(grant.getKey())) {
        return true;
      }
    }
    return false;
  }
}
