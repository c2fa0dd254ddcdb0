package dev.gantry.core.spi;

/**
 * How a task ended: the exit code (null when it never started), what it wrote to its output
 * file, and an error when it did not succeed. {@code runtimeLost}: the task did not end, the
 * runtime under it went away (the Docker engine stopped or restarted): the task is not to blame,
 * and its run is handed back for a new attempt rather than failed.
 */
public record TaskOutcome(Integer exitCode, String result, String error, boolean runtimeLost) {

  public TaskOutcome(Integer exitCode, String result, String error) {
    this(exitCode, result, error, false);
  }

  /** The runtime went away under the running task ({@code error} says how). */
  public static TaskOutcome runtimeLost(String error) {
    return new TaskOutcome(null, null, error, true);
  }

  public static TaskOutcome exited(int code, String result, String lastLines) {
    String error = code == 0 ? null : "exit code " + code + (lastLines.isEmpty() ? "" : ": " + lastLines);
    return new TaskOutcome(code, result, error);
  }

  public static TaskOutcome failedToStart(String error) {
    return new TaskOutcome(null, null, error);
  }

  public boolean succeeded() {
    return exitCode != null && exitCode == 0;
  }
}
