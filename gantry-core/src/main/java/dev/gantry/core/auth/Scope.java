package dev.gantry.core.auth;

import dev.gantry.core.spec.Echo;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a token allows: reading jobs, changing them, or everything (admin). */
public enum Scope {
  JOBS_READ("jobs:read"),
  JOBS_WRITE("jobs:write"),
  ADMIN("admin");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  /** The name clients write, e.g. {@code jobs:read}. */
  public String wireName() {
    return wireName;
  }

  /** The scope written {@code name}; InvalidAuthRequestException naming {@code field} otherwise. */
  public static Scope parse(String field, String name) {
    for (Scope scope : values()) {
      if (scope.wireName.equals(name)) {
        return scope;
      }
    }
    String shown = name == null ? "null" : "'" + Echo.of(name) + "'";
    throw new InvalidAuthRequestException(field, shown + " is not a scope; use "
        + Arrays.stream(values()).map(Scope::wireName).collect(Collectors.joining(", ")));
  }
}
