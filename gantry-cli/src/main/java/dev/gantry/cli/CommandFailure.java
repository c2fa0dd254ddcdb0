package dev.gantry.cli;

/** A command could not do what it was asked; the message says what and what to do, for the user. */
class CommandFailure extends RuntimeException {

  CommandFailure(String message) {
    super(message);
  }
}
