package dev.gantry.core.engine;

import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.Cancellation;

/** A run this worker is executing, with the signal that stops it and the writer of its output. */
final class Execution {

  private final TaskRun run;
  private final Cancellation cancellation;
  private volatile RunLogWriter logWriter;

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
