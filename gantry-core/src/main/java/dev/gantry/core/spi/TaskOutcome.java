package dev.gantry.core.spi;

/**
 * How a task ended: the exit code (null when it never started), what it wrote to its output
 * file, and an error when it did not succeed.
 */
public record TaskOutcome(Integer exitCode, String result, String error) {

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
