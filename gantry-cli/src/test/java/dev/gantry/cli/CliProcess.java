package dev.gantry.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code gantry ARGS} as its own OS process on this test's classpath, as a user's shell runs it: stdout and stderr to files. */
final class CliProcess {

  private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m");

  private final Process process;
  private final Path out;
  private final Path err;

  private CliProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code gantry args}; its output goes to files in {@code dir}. */
  static CliProcess start(Path dir, String... args) {
    return start(dir, java.util.Map.of(), args);
  }

  /** Starts {@code gantry args} with these environment variables added to this JVM's. */
  static CliProcess start(Path dir, java.util.Map<String, String> env, String... args) {
    return start(dir, env, new File("/dev/null"), args);
  }

  /** Starts {@code gantry args} reading its standard input from {@code stdin}. */
  static CliProcess start(Path dir, java.util.Map<String, String> env, File stdin, String... args) {
    List<String> command = GantryCommand.of(JVM_OPTIONS, List.of(args));
    try {
      Path out = Files.createTempFile(dir, "cli", ".out");
      Path err = Files.createTempFile(dir, "cli", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(stdin))
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      return new CliProcess(process, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code gantry args} to its end (within {@code deadline}) and returns what it did. */
  static Result run(Path dir, Duration deadline, String... args) {
    return start(dir, args).await(deadline);
  }

  /** How it ended and what it printed. */
  record Result(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  /** Waits for the end; fails the test (after killing it) when it is still running at the deadline. */
  Result await(Duration deadline) {
    try {
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("gantry did not exit within " + deadline + "; it printed:\n" + read(out) + read(err));
      }
      return new Result(process.exitValue(), read(out), read(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  String outSoFar() {
    return read(out);
  }

  void kill() {
    process.destroyForcibly();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
