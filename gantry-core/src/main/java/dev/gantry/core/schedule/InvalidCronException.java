package dev.gantry.core.schedule;

/** A cron expression that cannot be read, or that never fires; the message says why. */
public class InvalidCronException extends IllegalArgumentException {

  public InvalidCronException(String reason) {
    super(reason);
  }
}
