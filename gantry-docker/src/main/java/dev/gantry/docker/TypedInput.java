package dev.gantry.docker;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What is typed into a shell, as the stream its exec reads stdin from: blocks until bytes come,
 * ends once {@link #end} is called. (A piped stream would fail when the thread that wrote last
 * ends, which the HTTP server's threads do.) It holds at most {@link #MAX_UNREAD_BYTES} that the
 * shell has not read: a shell that stops reading (a {@code sleep}, a full terminal) must not let
 * a client fill the server's memory.
 */
final class TypedInput extends InputStream {

  static final int MAX_UNREAD_BYTES = 1 << 20;
  private static final byte[] END = new byte[0];

  private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private final AtomicLong unread = new AtomicLong();
  private byte[] current = new byte[0];
  private int offset;
  private boolean ended;

  /** Queues {@code typed} for the shell; false (nothing queued) when it would hold more than the bound unread. */
  boolean add(byte[] typed) {
    if (typed.length == 0) {
      return true;
    }
    if (unread.addAndGet(typed.length) > MAX_UNREAD_BYTES) {
      unread.addAndGet(-typed.length);
      return false;
    }
    chunks.add(typed.clone());
    return true;
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
      unread.addAndGet(-current.length);
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
