package dev.gantry.docker;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What is typed into a shell, as the stream its exec reads stdin from: blocks until bytes come,
 * ends once {@link #end} is called. (A piped stream would fail when the thread that wrote last
 * ends, which the HTTP server's threads do.)
 */
final class TypedInput extends InputStream {

  private static final byte[] END = new byte[0];

  private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private byte[] current = new byte[0];
  private int offset;
  private boolean ended;

  void add(byte[] typed) {
    if (typed.length > 0) {
      chunks.add(typed.clone());
    }
  }

  void end() {
    chunks.add(END);
  }

  @Override
  public int read() throws java.io.IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] into, int off, int len) throws java.io.IOException {
    if (len == 0) {
      return 0;
    }
    while (offset == current.length) {
      if (ended) {
        return -1;
      }
      try {
        current = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for typed input");
      }
      offset = 0;
      if (current == END) {
        ended = true;
      }
    }
    int n = Math.min(len, current.length - offset);
    System.arraycopy(current, offset, into, off, n);
    offset += n;
    return n;
  }
}
