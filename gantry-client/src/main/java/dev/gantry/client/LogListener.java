package dev.gantry.client;

/**
 * What {@link GantryClient#followLog} hands out while it follows a job: every part of its output
 * once, in order, and word when it lost Gantry and when it got it back.
 */
@FunctionalInterface
public interface LogListener {

  /** The next part of the job's output. */
  void part(LogPart part);

  /** The connection broke off or Gantry stopped answering; the follower keeps trying (with backoff). */
  default void lost(GantryException why) {}

  /** Gantry answers again after {@link #lost}; the output resumes after the last part handed out. */
  default void regained() {}
}
