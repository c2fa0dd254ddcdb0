package dev.gantry.server.outbound;

import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.spi.DeliveryTransport;
import dev.gantry.server.GantryVersion;
import dev.gantry.server.outbound.PinnedHttpClient.Answer;
import dev.gantry.server.outbound.PinnedHttpClient.RefusedTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes outgoing calls over HTTP: the body of the call's kind is written to a temporary file (a
 * Hades log document may be large), then POSTed as JSON with the job's headers and Gantry's own:
 * {@code X-Gantry-Delivery} (the same on every attempt: receivers drop duplicates by it) and
 * {@code X-Gantry-Event}. Any 2xx answer delivers the call; a refused target, a redirect, or a
 * call whose job is gone cannot succeed later and fails at once; anything else is tried again.
 */
public final class HttpDeliveries implements DeliveryTransport {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
  /** The most one attempt may take: well inside the outbox's lease, so that no second sender starts the same call meanwhile. */
  static final Duration DEADLINE = Duration.ofSeconds(60);

  private final Map<String, DeliveryBody> bodies;
  private final PinnedHttpClient http;

  /** {@code bodies}: how to write the body of each kind of call. */
  public HttpDeliveries(CallTargetPolicy policy, Map<String, DeliveryBody> bodies) {
    this(policy, bodies, InetAddress::getAllByName, DEADLINE);
  }

  HttpDeliveries(CallTargetPolicy policy, Map<String, DeliveryBody> bodies, PinnedHttpClient.Resolver resolver) {
    this(policy, bodies, resolver, DEADLINE);
  }

  HttpDeliveries(CallTargetPolicy policy, Map<String, DeliveryBody> bodies, PinnedHttpClient.Resolver resolver,
      Duration deadline) {
    this.bodies = Map.copyOf(bodies);
    this.http = new PinnedHttpClient(policy, resolver, CONNECT_TIMEOUT, READ_TIMEOUT, deadline);
  }

  @Override
  public Attempt send(Delivery delivery) {
    DeliveryBody kind = bodies.get(delivery.kind());
    if (kind == null) {
      return Attempt.refused("this server cannot send calls of kind '" + delivery.kind() + "'");
    }
    URI url;
    try {
      url = new URI(delivery.url());
    } catch (URISyntaxException e) {
      return Attempt.refused("the URL is not parseable: " + e.getMessage());
    }
    Path file = null;
    try {
      file = Files.createTempFile("gantry-delivery-", ".json");
      try (OutputStream out = Files.newOutputStream(file)) {
        kind.write(delivery, out);
      }
      Answer answer = http.post(url, headers(delivery), FileBody.of(file));
      int status = answer.status();
      if (status / 100 == 2) {
        return Attempt.ok();
      }
      String said = "the receiver answered " + status + (answer.reason().isEmpty() ? "" : " " + answer.reason());
      return status / 100 == 3 ? Attempt.refused(said + "; redirects are not followed") : Attempt.failed(said);
    } catch (RefusedTarget e) {
      return Attempt.refused(e.getMessage());
    } catch (NotFoundException e) {
      return Attempt.refused("its " + e.kind() + " " + e.id() + " is gone");
    } catch (IllegalArgumentException e) {
      return Attempt.refused(e.getMessage());
    } catch (IOException e) {
      return Attempt.failed(e.getMessage() == null ? e.toString() : e.getMessage());
    } finally {
      delete(file);
    }
  }

  private static Map<String, String> headers(Delivery delivery) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", "Gantry/" + GantryVersion.current());
    headers.putAll(delivery.headers());
    headers.put("X-Gantry-Delivery", delivery.id());
    headers.put("X-Gantry-Event", delivery.event());
    return headers;
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A temporary file: the system's cleaning takes it.
      }
    }
  }

  /** A body read from a file. */
  private record FileBody(Path file, long length) implements PinnedHttpClient.Body {
    static FileBody of(Path file) throws IOException {
      return new FileBody(file, Files.size(file));
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      Files.copy(file, out);
    }
  }
}
