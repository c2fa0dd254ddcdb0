package dev.gantry.server.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One adversarial request, as the exact bytes that go on the wire (so that it can break HTTP
 * itself: invalid UTF-8, bare CR/LF, lying lengths), and whether it would store a job if accepted.
 */
public record HostileRequest(String label, byte[] wire, boolean submits, boolean mustBeRejected, boolean versionUnsupported) {

  /** A well-formed HTTP/1.1 request with a hostile method, target, header or body. */
  public static Builder of(String label, String method, String target) {
    return new Builder(label, method, target);
  }

  /** Bytes sent as they are: for requests that are not valid HTTP at all. */
  public static HostileRequest raw(String label, String wire) {
    return new HostileRequest(label, wire.getBytes(StandardCharsets.ISO_8859_1), false, true, false);
  }

  /**
   * A request in an HTTP version the server does not speak: 505 is the one 5xx allowed, since
   * RFC 9110 gives that status to exactly this case (the version, not the server, is at fault).
   */
  public static HostileRequest rawUnsupportedVersion(String label, String wire) {
    return new HostileRequest(label, wire.getBytes(StandardCharsets.ISO_8859_1), false, true, true);
  }

  /** The same request with an {@code Authorization} header added after its request line: for a server with authentication on. */
  public HostileRequest authorized(String authorization) {
    byte[] header = ("Authorization: " + authorization + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    int lineEnd = 0;
    while (lineEnd + 1 < wire.length && !(wire[lineEnd] == '\r' && wire[lineEnd + 1] == '\n')) {
      lineEnd++;
    }
    int at = Math.min(lineEnd + 2, wire.length);
    byte[] out = new byte[wire.length + header.length];
    System.arraycopy(wire, 0, out, 0, at);
    System.arraycopy(header, 0, out, at, header.length);
    System.arraycopy(wire, at, out, at + header.length, wire.length - at);
    return new HostileRequest(label, out, submits, mustBeRejected, versionUnsupported);
  }

  public String shortLabel() {
    return label.length() > 100 ? label.substring(0, 100) + "..." : label;
  }

  /** Builds a request; every request closes its connection, so a response is read to its end. */
  public static final class Builder {
    private final String label;
    private final String method;
    private final String target;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private boolean submits;
    private boolean mustBeRejected = true;

    private Builder(String label, String method, String target) {
      this.label = label;
      this.method = method;
      this.target = target;
    }

    public Builder header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    public Builder body(String contentType, byte[] bytes) {
      if (contentType != null) {
        headers.put("Content-Type", contentType);
      }
      body = bytes;
      return this;
    }

    public Builder body(String contentType, String text) {
      return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The request would store a job if the server accepted it: the job count is checked. */
    public Builder submits() {
      submits = true;
      return this;
    }

    /** A 2xx answer is fine too (e.g. a search for a strange word); a 5xx never is. */
    public Builder mayBeAccepted() {
      mustBeRejected = false;
      return this;
    }

    public HostileRequest build() {
      ByteArrayOutputStream wire = new ByteArrayOutputStream();
      StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      if (body != null && !headers.containsKey("Content-Length") && !headers.containsKey("Transfer-Encoding")) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      wire.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        wire.writeBytes(body);
      }
      return new HostileRequest(label, wire.toByteArray(), submits, mustBeRejected, false);
    }
  }
}
