package dev.gantry.docker;

/** A run could not start for a reason the user can act on; its message becomes the outcome's error. */
final class StartFailure extends RuntimeException {

  StartFailure(String message) {
    super(message, null, false, false);
  }
}
