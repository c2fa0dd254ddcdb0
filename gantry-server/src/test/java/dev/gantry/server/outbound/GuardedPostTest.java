package dev.gantry.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gantry.core.outbox.CallTargetPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A direct POST (builds.sr.ht's webhook triggers) against a real receiver on 127.0.0.1. */
class GuardedPostTest {

  private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
  private HttpServer receiver;
  private URI url;

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hook", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  @Test
  void aLoopbackTargetIsRefusedUnlessPrivateTargetsAreAllowed() throws Exception {
    String refused = new GuardedPost(CallTargetPolicy.PUBLIC_ONLY, Duration.ofSeconds(5))
        .postJson(url, "{\"id\":1}".getBytes(StandardCharsets.UTF_8));

    assertThat(refused).startsWith("refused");
    assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void anAllowedTargetReceivesTheJson() throws Exception {
    String answer = new GuardedPost(new CallTargetPolicy(true), Duration.ofSeconds(5))
        .postJson(url, "{\"id\":1}".getBytes(StandardCharsets.UTF_8));

    assertThat(answer).isEqualTo("HTTP 204");
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"id\":1}");
  }
}
