package dev.gantry.core.auth;

/** A token just made, with its secret: the only time the secret is known outside its holder. */
public record IssuedToken(ApiToken token, String secret) {

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "IssuedToken[" + token.id() + " of " + token.user() + "]";
  }
}
