package dev.gantry.core.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who makes a call and what it may do. Every call a dialect makes into the core carries one; the
 * core checks it ({@link #require}). An admin may do everything.
 */
public record Principal(String user, Set<Scope> scopes) {

  /**
   * The process itself, and every caller while authentication is off (loopback only): may do
   * everything, as before there was authentication.
   */
  public static final Principal SYSTEM = new Principal("gantry", Set.of(Scope.ADMIN));

  public Principal {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("a principal needs a user");
    }
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
  }

  public boolean isAdmin() {
    return scopes.contains(Scope.ADMIN);
  }

  /** Whether this principal's scopes allow {@code scope}. */
  public boolean allows(Scope scope) {
    return isAdmin() || scopes.contains(scope);
  }

  /** Throws AccessDeniedException unless this principal's scopes allow {@code scope}. */
  public void require(Scope scope) {
    if (!allows(scope)) {
      throw new AccessDeniedException(this, scope);
    }
  }
}
