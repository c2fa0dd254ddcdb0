package dev.gantry.core.spec;

import dev.gantry.core.auth.JobAccess;
import dev.gantry.core.auth.TokenRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Tork's {@code permissions}: a list of {@code {user: NAME}} or {@code {role: NAME}}, each
 * letting that user (or the members of that role) see the job, as in Tork. {@code {user: "*"}}
 * makes the job public (every authenticated caller may see it). Gantry's addition:
 * {@code access: write} on an entry lets it also cancel and restart the job ({@code read}, the
 * default, only see it).
 */
final class JobPermissions {

  private static final Set<String> FIELDS = Set.of("user", "role", "access");

  private JobPermissions() {}

  static JobAccess read(SpecNode job) {
    List<SpecNode> entries = job.objects("permissions");
    if (entries.size() > JobAccess.MAX_ENTRIES) {
      throw job.invalid("permissions", "at most " + JobAccess.MAX_ENTRIES + " entries are allowed, not " + entries.size());
    }
    Set<String> readers = new LinkedHashSet<>();
    Set<String> writers = new LinkedHashSet<>();
    for (SpecNode entry : entries) {
      entry.onlyFields(FIELDS, Set.of());
      String user = entry.text("user");
      String role = entry.text("role");
      if ((user == null) == (role == null)) {
        throw entry.invalid("name either a user or a role, e.g. {user: alice} or {role: developers}");
      }
      String grantee;
      if (user != null) {
        grantee = JobAccess.EVERYONE.equals(user) ? JobAccess.EVERYONE : JobAccess.user(name(entry, "user", user));
      } else {
        grantee = JobAccess.role(name(entry, "role", role));
      }
      String access = entry.text("access");
      if (access == null || access.equals("read")) {
        readers.add(grantee);
      } else if (access.equals("write")) {
        if (grantee.equals(JobAccess.EVERYONE)) {
          throw entry.invalid("access", "'*' may only read a job: give write access to users or roles");
        }
        writers.add(grantee);
      } else {
        throw entry.invalid("access", "must be read or write, not '" + Echo.of(access) + "'");
      }
    }
    readers.removeAll(writers);
    return new JobAccess(readers, writers);
  }

  private static String name(SpecNode entry, String field, String name) {
    if (!TokenRequest.USER_NAME.matcher(name).matches()) {
      throw entry.invalid(field, "must be 1 to 64 letters, digits, '.', '_', '@' or '-'" + ("user".equals(field) ? ", or *" : ""));
    }
    return name;
  }
}
