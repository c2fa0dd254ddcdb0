package dev.gantry.core.auth;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who besides a job's owner may see it ({@code readers}) and who may also change it: cancel,
 * restart, start ({@code writers}). Each entry is a grantee: {@value #EVERYONE} (every
 * authenticated caller; readers only), {@code user:NAME} or {@code role:NAME} (the members of a
 * role an admin manages). The owner may always do both; admins may do everything. Tork's
 * {@code permissions} ({@code [{user: x}, {role: y}]}) and builds.sr.ht's access lists map onto this.
 */
public record JobAccess(Set<String> readers, Set<String> writers) {

  /** Only the owner (and admins). */
  public static final JobAccess PRIVATE = new JobAccess(Set.of(), Set.of());
  public static final String EVERYONE = "*";
  /** The most entries one job's list may hold. */
  public static final int MAX_ENTRIES = 64;
  private static final String USER = "user:";
  private static final String ROLE = "role:";

  public JobAccess {
    readers = Set.copyOf(readers);
    writers = Set.copyOf(writers);
    for (String grantee : readers) {
      check(grantee);
    }
    for (String grantee : writers) {
      if (EVERYONE.equals(grantee)) {
        throw new IllegalArgumentException("'*' may read a job, never change it");
      }
      check(grantee);
    }
    if (readers.size() + writers.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("a job's access list has at most " + MAX_ENTRIES + " entries");
    }
  }

  public static String user(String name) {
    return USER + name;
  }

  public static String role(String name) {
    return ROLE + name;
  }

  /** Whether an entry names a role: only then does a check need the caller's roles. */
  public boolean namesRoles() {
    return readers.stream().anyMatch(g -> g.startsWith(ROLE)) || writers.stream().anyMatch(g -> g.startsWith(ROLE));
  }

  /**
   * What a sub-job of a job with this list and {@code parentOwner} gets: the same list, the
   * parent's owner among the writers, so whoever may see or change the parent may see or change
   * its sub-jobs, and nobody else.
   */
  public JobAccess inheritedFrom(String parentOwner) {
    if (parentOwner == null) {
      return this;
    }
    Set<String> inherited = new LinkedHashSet<>(writers);
    inherited.add(user(parentOwner));
    return new JobAccess(readers, inherited);
  }

  /**
   * Every grantee of a job owned by {@code owner} (null: none), with whether it may change the
   * job: the rows a store filters by.
   */
  public Map<String, Boolean> grants(String owner) {
    Map<String, Boolean> grants = new LinkedHashMap<>();
    readers.forEach(g -> grants.put(g, false));
    writers.forEach(g -> grants.put(g, true));
    if (owner != null) {
      grants.put(user(owner), true);
    }
    return grants;
  }

  private static void check(String grantee) {
    if (EVERYONE.equals(grantee)) {
      return;
    }
    String name = grantee.startsWith(USER) ? grantee.substring(USER.length())
        : grantee.startsWith(ROLE) ? grantee.substring(ROLE.length()) : null;
    if (name == null || !TokenRequest.USER_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + grantee + "' is not a grantee: use *, user:NAME or role:NAME");
    }
  }
}
