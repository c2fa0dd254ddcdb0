package dev.gantry.core.auth;

/** A user or role of that name exists already (HTTP 409). */
public class UserExistsException extends RuntimeException {

  public UserExistsException(String what, String name) {
    super(what + " " + name + " exists already");
  }
}
