package dev.gantry.core.auth;

/** The caller is known, but its scopes do not allow the call (HTTP 403). */
public class AccessDeniedException extends RuntimeException {

  private final Scope needed;

  public AccessDeniedException(Principal caller, Scope needed) {
    super("this call needs the scope " + needed.wireName() + ", which the credential of " + caller.user()
        + " does not have");
    this.needed = needed;
  }

  public AccessDeniedException(String message) {
    super(message);
    this.needed = null;
  }

  /** The scope the call needed; null when the refusal is not about one scope. */
  public Scope needed() {
    return needed;
  }
}
