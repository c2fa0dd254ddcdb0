package dev.gantry.core.spi;

/**
 * An interactive shell with a terminal in a kept environment ({@link TaskRuntime#openShell}): what
 * is typed goes in with {@link #write}, what it prints comes out to its {@link Output}, which hears
 * once that it exited. Closing it ends its input; the shell then exits as a shell does at end of input.
 */
public interface RuntimeShell extends AutoCloseable {

  /** Where a shell's output goes. */
  interface Output {

    /** Bytes the shell printed (the terminal's: stdout and stderr together, with its echo). */
    void bytes(byte[] printed);

    /** The shell exited, with {@code exitCode} (null: unknown, e.g. its environment went away). */
    void exited(Integer exitCode);
  }

  /**
   * Sends typed bytes to the shell.
   *
   * @throws SessionFailure when the shell has gone
   */
  void write(byte[] typed);

  /** Sets the terminal's size, in characters. */
  void resize(int columns, int rows);

  @Override
  void close();
}
