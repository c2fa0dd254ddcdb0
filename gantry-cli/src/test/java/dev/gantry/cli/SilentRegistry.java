package dev.gantry.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** A "registry" on 127.0.0.1 that accepts connections and never answers: a pull from it hangs (a task slow to start). */
final class SilentRegistry implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> held = new ArrayList<>();

  SilentRegistry() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "silent-registry");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** An image only this registry would have: the engine tries to pull it from here (loopback registries need no TLS). */
  String image() {
    return "127.0.0.1:" + server.getLocalPort() + "/gantry-test/hangs:1";
  }

  private void accept() {
    try {
      while (!server.isClosed()) {
        Socket socket = server.accept();
        synchronized (held) {
          held.add(socket);
        }
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
