package dev.gantry.core.spi;

/**
 * More has been typed into a shell than it has read ({@link RuntimeShell#write}): the typing is
 * refused rather than held without bound, and the connection should close.
 */
public class ShellInputOverflow extends SessionFailure {

  public ShellInputOverflow(String message) {
    super(message);
  }
}
