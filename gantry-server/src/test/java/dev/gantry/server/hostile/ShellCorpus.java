package dev.gantry.server.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests for the shell WebSocket ({@code GET /jobs/{id}/shell}): unknown and malformed ids,
 * with and without a handshake; broken handshakes (no key, a bad key, an unknown version, a second
 * key, a protocol nobody speaks); other methods; and a known job that has no kept environment.
 */
public final class ShellCorpus {

  private ShellCorpus() {}

  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  /** {@code knownJob} exists but is no kept build: every request is refused with a 4xx. */
  public static List<HostileRequest> requests(String knownJob) {
    List<HostileRequest> requests = new ArrayList<>();
    for (String id : ReadCorpus.unknownIds()) {
      String path = "/jobs/" + id + "/shell";
      requests.add(HostileRequest.of("unknown id: GET " + path, "GET", path).build());
      requests.add(handshake("unknown id, handshake: " + path, path).build());
    }
    String known = "/jobs/" + knownJob + "/shell";
    requests.add(HostileRequest.of("no kept environment: plain GET", "GET", known).build());
    requests.add(handshake("no kept environment: handshake", known).build());
    requests.add(HostileRequest.of("handshake without a key", "GET", known).header("Connection", "Upgrade")
        .header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13").build());
    requests.add(HostileRequest.of("handshake with a bad key", "GET", known).header("Connection", "Upgrade")
        .header("Upgrade", "websocket").header("Sec-WebSocket-Key", "not base64 %00").header("Sec-WebSocket-Version", "13")
        .build());
    for (String version : List.of("99", "-1", "abc", "", "13, 8, 7, 6".repeat(50))) {
      requests.add(handshake("handshake version '" + version.substring(0, Math.min(10, version.length())) + "'", known)
          .header("Sec-WebSocket-Version", version).build());
    }
    requests.add(handshake("handshake with an unknown subprotocol", known).header("Sec-WebSocket-Protocol", "x-unknown")
        .build());
    requests.add(handshake("handshake upgrading to something else", known).header("Upgrade", "h2c").build());
    requests.add(handshake("handshake with a 2 MiB header", known).header("X-Filler", "x".repeat(2 << 20)).build());
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "BREW")) {
      requests.add(HostileRequest.of("method " + method + " on a shell", method, known).build());
    }
    return requests;
  }

  private static HostileRequest.Builder handshake(String label, String path) {
    return HostileRequest.of(label, "GET", path).header("Connection", "Upgrade").header("Upgrade", "websocket")
        .header("Sec-WebSocket-Key", KEY).header("Sec-WebSocket-Version", "13");
  }
}
