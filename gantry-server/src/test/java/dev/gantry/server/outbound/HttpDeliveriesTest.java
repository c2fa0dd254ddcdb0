package dev.gantry.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.spi.DeliveryTransport.Attempt;
import dev.gantry.server.CallbackReceiver;
import dev.gantry.server.CallbackReceiver.Received;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The HTTP side of outgoing calls against real receivers on 127.0.0.1: what the address policy
 * refuses is never connected to, a host name is resolved once and the connection made to the
 * address checked, redirects are not followed, and a header cannot break the request's head.
 */
class HttpDeliveriesTest {

  private static final Map<String, DeliveryBody> BODY = Map.of(Delivery.WEBHOOK,
      (delivery, out) -> out.write(("{\"job\":\"" + delivery.jobId() + "\"}").getBytes(StandardCharsets.UTF_8)));

  private final AtomicInteger lookups = new AtomicInteger();

  /** Resolves {@code hooks.example.test} to {@code addresses}, counting the lookups; other names as the JDK does. */
  private PinnedHttpClient.Resolver resolving(String... addresses) {
    return host -> {
      if (!host.equals("hooks.example.test")) {
        return InetAddress.getAllByName(host);
      }
      lookups.incrementAndGet();
      InetAddress[] resolved = new InetAddress[addresses.length];
      for (int i = 0; i < addresses.length; i++) {
        resolved[i] = InetAddress.getByName(addresses[i]);
      }
      return resolved;
    };
  }

  private static Delivery call(String url, Map<String, String> headers) {
    return Delivery.pending("d-1", Delivery.WEBHOOK, "job-1", null, "job.StateChange", url, headers, "COMPLETED", 2,
        Instant.now()).claimed();
  }

  @Test
  void aHostNameResolvingToLoopbackIsRefusedWithoutConnecting() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String url = receiver.url("/hook").replace("127.0.0.1", "hooks.example.test");
      HttpDeliveries strict = new HttpDeliveries(CallTargetPolicy.PUBLIC_ONLY, BODY, resolving("127.0.0.1"));

      Attempt attempt = strict.send(call(url, Map.of()));

      assertThat(attempt.delivered()).isFalse();
      assertThat(attempt.retry()).as("a refused target fails at once").isFalse();
      assertThat(attempt.reason()).contains("hooks.example.test resolves to").contains("127.0.0.1 is a loopback address")
          .contains("--allow-private-callbacks");
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void internalLiteralsAreRefused() {
    HttpDeliveries strict = new HttpDeliveries(CallTargetPolicy.PUBLIC_ONLY, BODY, resolving());
    assertThat(strict.send(call("http://127.0.0.1:9/x", Map.of())).reason()).contains("refused: 127.0.0.1 is a loopback");
    assertThat(strict.send(call("http://169.254.169.254/latest/meta-data/", Map.of())).reason())
        .contains("169.254.169.254 is a link-local address");
    assertThat(strict.send(call("http://[::ffff:10.0.0.1]/x", Map.of())).reason()).contains("private");
  }

  @Test
  void aNameWithAnyAllowedAddressIsCalledOnlyThereAndAllInternalIsRefused() throws Exception {
    HttpDeliveries strict = new HttpDeliveries(CallTargetPolicy.PUBLIC_ONLY, BODY, resolving("10.1.2.3", "169.254.169.254"));
    Attempt attempt = strict.send(call("http://hooks.example.test/x", Map.of()));
    assertThat(attempt.retry()).isFalse();
    assertThat(attempt.reason()).contains("10.1.2.3 is a private address");
    assertThat(lookups).hasValue(1);
  }

  @Test
  void anAllowedCallConnectsToTheAddressResolvedOnceAndKeepsTheHostName() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      int port = Integer.parseInt(receiver.url("").replaceAll(".*:", ""));
      HttpDeliveries open = new HttpDeliveries(new CallTargetPolicy(true), BODY, resolving("127.0.0.1"));

      Attempt attempt = open.send(call("http://hooks.example.test:" + port + "/hook?x=1",
          Map.of("Authorization", "Bearer abc", "X-Job", "büld")));

      assertThat(attempt.delivered()).as(attempt.reason()).isTrue();
      assertThat(lookups).as("one lookup, no second one that could be answered differently").hasValue(1);
      Received received = receiver.awaitDelivery(Duration.ofSeconds(5));
      assertThat(received.path()).isEqualTo("/hook?x=1");
      assertThat(received.header("Host")).isEqualTo("hooks.example.test:" + port);
      assertThat(received.header("Authorization")).isEqualTo("Bearer abc");
      assertThat(received.header("X-Gantry-Delivery")).isEqualTo("d-1");
      assertThat(received.header("X-Gantry-Event")).isEqualTo("job.StateChange");
      assertThat(received.body()).isEqualTo("{\"job\":\"job-1\"}");
    }
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    HttpServer redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    redirecting.createContext("/", exchange -> {
      hits.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    redirecting.start();
    try {
      HttpDeliveries open = new HttpDeliveries(new CallTargetPolicy(true), BODY, resolving());
      Attempt attempt = open.send(call("http://127.0.0.1:" + redirecting.getAddress().getPort() + "/r", Map.of()));
      assertThat(attempt.delivered()).isFalse();
      assertThat(attempt.retry()).isFalse();
      assertThat(attempt.reason()).contains("302").contains("redirects are not followed");
      assertThat(hits).hasValue(1);
    } finally {
      redirecting.stop(0);
    }
  }

  @Test
  void aHeaderWithALineBreakIsNeverSent() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      HttpDeliveries open = new HttpDeliveries(new CallTargetPolicy(true), BODY, resolving());
      Attempt attempt = open.send(call(receiver.url("/h"), Map.of("X-Evil", "a\r\nX-Injected: 1")));
      assertThat(attempt.delivered()).isFalse();
      assertThat(attempt.reason()).contains("X-Evil").contains("control character");
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void aReceiverThatStopsReadingIsCutOffAtTheDeadline() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread acceptor = new Thread(() -> {
        try {
          silent.accept(); // and never read: the sender's writes fill the window and block
          Thread.sleep(60_000);
        } catch (IOException | InterruptedException e) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Map<String, DeliveryBody> large = Map.of(Delivery.WEBHOOK, (delivery, out) -> out.write(new byte[32 << 20]));
      HttpDeliveries open = new HttpDeliveries(new CallTargetPolicy(true), large, resolving(), Duration.ofSeconds(2));

      long started = System.nanoTime();
      Attempt attempt = open.send(call("http://127.0.0.1:" + silent.getLocalPort() + "/x", Map.of()));

      assertThat(attempt.delivered()).isFalse();
      assertThat(attempt.retry()).isTrue();
      assertThat(attempt.reason()).contains("longer than 2s");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
      acceptor.interrupt();
    }
  }

  @Test
  void anUnknownHostIsTriedAgainLater() {
    HttpDeliveries open = new HttpDeliveries(new CallTargetPolicy(true), BODY, host -> {
      throw new UnknownHostException(host);
    });
    Attempt attempt = open.send(call("http://nowhere.example.test/x", Map.of()));
    assertThat(attempt.retry()).isTrue();
    assertThat(attempt.reason()).contains("nowhere.example.test is not known");
  }
}
