package dev.gantry.core.spi;

import java.util.List;
import java.util.Map;

/**
 * One long-lived environment (a container) in which commands run one after another, so that files,
 * installed packages and the home directory persist between them. Opened by
 * {@link TaskRuntime#openSession}; whatever happens, {@link #close} removes it. When the session's
 * cancellation fires, the environment is killed: a running {@link #exec} returns at once.
 */
public interface RuntimeSession extends AutoCloseable {

  /**
   * Runs {@code command} in the environment with {@code env} added to its own and blocks until it
   * exits; its stdout and stderr go to {@code logs} as printed.
   *
   * @return the command's exit code (137 or similar when the session was killed meanwhile)
   * @throws SessionFailure when the runtime cannot run it (the environment is gone, the engine is down)
   */
  int exec(List<String> command, Map<String, String> env, LogSink logs);

  /**
   * Writes a file into the environment (its directories are created), with the given mode.
   *
   * @throws SessionFailure when it cannot be written
   */
  void writeFile(String path, byte[] content, int mode);

  /**
   * Reads a regular file of at most {@code maxBytes} bytes from the environment.
   *
   * @throws SessionFailure when it is missing, not a regular file, larger, or cannot be read
   */
  byte[] readFile(String path, long maxBytes);

  /**
   * Ends the session but leaves the environment running as it is, for a shell in it
   * ({@link TaskRuntime#openShell}); the leftover sweeper removes it once its keep time ended. A
   * runtime that cannot keep one closes it, as this default does.
   */
  default void keep() {
    close();
  }

  /** Kills and removes the environment; returns at once, the removal may finish later. */
  @Override
  void close();
}
