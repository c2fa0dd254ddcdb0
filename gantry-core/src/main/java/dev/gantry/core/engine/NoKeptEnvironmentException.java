package dev.gantry.core.engine;

/** A shell was asked of a job whose environment is not kept now (still running, not kept, or its keep time ended). */
public class NoKeptEnvironmentException extends RuntimeException {

  private final String jobId;

  public NoKeptEnvironmentException(String jobId, String why) {
    super("job " + jobId + " has no environment to open a shell in: " + why);
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
