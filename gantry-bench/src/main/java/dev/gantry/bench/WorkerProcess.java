package dev.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** {@code gantry worker} as its own OS process, started once it logged its start-up line. */
final class WorkerProcess implements AutoCloseable {

  private static final Pattern STARTED = Pattern.compile("Gantry \\S+ worker [0-9a-f]{32} started");

  private final Process process;

  private WorkerProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code command} with {@code env} added and waits until it says it started. */
  static WorkerProcess start(List<String> command, Map<String, String> env, Path logFile, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(logFile.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
    builder.environment().putAll(env);
    WorkerProcess worker = new WorkerProcess(builder.start());
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!STARTED.matcher(Files.readString(logFile)).find()) {
      if (!worker.process.isAlive() || System.nanoTime() > deadline) {
        worker.close();
        throw new IllegalStateException(String.join(" ", command) + " did not start within " + timeout + "; see " + logFile);
      }
      Thread.sleep(50);
    }
    return worker;
  }

  /** SIGTERM, then SIGKILL if it does not exit in time. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
