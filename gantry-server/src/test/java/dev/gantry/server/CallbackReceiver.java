package dev.gantry.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP receiver on 127.0.0.1 for callback tests: records every request's body and answers 500
 * to the first {@code failures} of them, 200 to the rest.
 */
public final class CallbackReceiver implements AutoCloseable {

  /** One request received. */
  public record Received(String method, String contentType, String body, String path, Map<String, String> headers) {

    /** A header's first value (names are case-insensitive), or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final AtomicInteger failuresLeft;
  private final List<Received> all = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<Received> delivered = new LinkedBlockingQueue<>();

  public CallbackReceiver(int failures) {
    this(failures, new CountDownLatch(0));
  }

  /** A receiver that answers nothing until {@code answer} is counted down: a slow one. */
  public CallbackReceiver(int failures, CountDownLatch answer) {
    this(failures, answer, Integer.MAX_VALUE);
  }

  /**
   * A receiver whose first {@code hanging} requests get no answer until {@code answer} is counted
   * down (a sender that dies meanwhile never gets one); the others are answered at once.
   */
  public CallbackReceiver(int failures, CountDownLatch answer, int hanging) {
    this.failuresLeft = new AtomicInteger(failures);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      Map<String, String> headers = new HashMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      Received received = new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          exchange.getRequestURI().toString(), Map.copyOf(headers));
      all.add(received);
      try {
        if (all.size() <= hanging) {
          answer.await();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      boolean fail = failuresLeft.getAndDecrement() > 0;
      exchange.sendResponseHeaders(fail ? 500 : 200, -1);
      exchange.close();
      if (!fail) {
        delivered.add(received);
      }
    });
    server.setExecutor(handlers); // a hanging request holds up only itself
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The first request answered 200, waiting up to {@code wait}. */
  public Received awaitDelivery(Duration wait) throws InterruptedException {
    Received received = delivered.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (received == null) {
      throw new AssertionError("no callback delivered within " + wait + "; requests so far: " + all);
    }
    return received;
  }

  /** Every request received, failed ones included. */
  public List<Received> requests() {
    return List.copyOf(all);
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
