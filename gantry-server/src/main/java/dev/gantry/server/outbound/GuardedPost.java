package dev.gantry.server.outbound;

import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.server.outbound.PinnedHttpClient.Answer;
import dev.gantry.server.outbound.PinnedHttpClient.RefusedTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON POST made at once, not through the outbox, yet held to the operator's
 * {@link CallTargetPolicy} like every outgoing call: the host is resolved once and only allowed
 * addresses are connected to ({@link PinnedHttpClient}), so it cannot reach an internal address
 * unless the operator allows those.
 */
public final class GuardedPost {

  private final PinnedHttpClient http;

  /** {@code timeout}: for connecting, for the answer, and for the whole call. */
  public GuardedPost(CallTargetPolicy policy, Duration timeout) {
    this(policy, InetAddress::getAllByName, timeout);
  }

  GuardedPost(CallTargetPolicy policy, PinnedHttpClient.Resolver resolver, Duration timeout) {
    this.http = new PinnedHttpClient(policy, resolver, timeout, timeout, timeout);
  }

  /**
   * POSTs {@code json} to {@code url}: what came of it, for the log ({@code HTTP 200}, or why the
   * target was refused).
   *
   * @throws IOException when the call failed (unknown host, no answer, cut off)
   */
  public String postJson(URI url, byte[] json) throws IOException {
    try {
      Answer answer = http.post(url, Map.of("Content-Type", "application/json"), new PinnedHttpClient.Body() {
        @Override
        public long length() {
          return json.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
          out.write(json);
        }
      });
      return "HTTP " + answer.status();
    } catch (RefusedTarget e) {
      return e.getMessage();
    }
  }
}
