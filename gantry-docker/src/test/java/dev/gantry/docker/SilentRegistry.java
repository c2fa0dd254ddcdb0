package dev.gantry.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A "registry" on 127.0.0.1 that accepts connections and never answers: a pull from it hangs (a task slow to start).
 * Shared through gantry-docker's test-jar (gantry-cli's tests use it too).
 */
public final class SilentRegistry implements AutoCloseable {

  private final CountDownLatch connected = new CountDownLatch(1);
  private final ServerSocket server;
  private final List<Socket> held = new ArrayList<>();

  public SilentRegistry() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "silent-registry");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** An image only this registry would have: the engine tries to pull it from here (loopback registries need no TLS). */
  public String image() {
    return "127.0.0.1:" + server.getLocalPort() + "/gantry-test/hangs:1";
  }

  /** Whether an engine connected (started pulling) within {@code timeout}. */
  public boolean awaitConnection(Duration timeout) throws InterruptedException {
    return connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void accept() {
    try {
      while (!server.isClosed()) {
        Socket socket = server.accept();
        synchronized (held) {
          held.add(socket);
        }
        connected.countDown();
      }
    } catch (IOException closed) {
      // the test is over
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (held) {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
