package dev.gantry.core.engine;

import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.Cancellation;

/** A run this worker is executing, with the signal that stops it and the writer of its output. */
final class Execution {

  private final TaskRun run;
  private final Cancellation cancellation;
  private volatile RunLogWriter logWriter;
  private volatile boolean detached;
  private volatile boolean lostRuntime;

  Execution(TaskRun run, Cancellation cancellation) {
    this.run = run;
    this.cancellation = cancellation;
  }

  TaskRun run() {
    return run;
  }

  Cancellation cancellation() {
    return cancellation;
  }

  /** This process is leaving the run to the next worker of its node: nothing more is recorded for it. */
  void detach() {
    detached = true;
  }

  boolean detached() {
    return detached;
  }

  /** The runtime went away under the run (it was handed back for that). */
  void markRuntimeLost() {
    lostRuntime = true;
  }

  boolean lostRuntime() {
    return lostRuntime;
  }

  void attachLog(RunLogWriter writer) {
    this.logWriter = writer;
  }

  void flushLog() {
    RunLogWriter writer = logWriter;
    if (writer != null) {
      writer.flush();
    }
  }
}
