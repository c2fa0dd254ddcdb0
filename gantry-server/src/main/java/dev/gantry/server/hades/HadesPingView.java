package dev.gantry.server.hades;

/** {@code GET /ping}: Hades 1.0's {@code status} and {@code timestamp} (RFC 3339), and the older {@code message}. */
record HadesPingView(String status, String timestamp, String message) {

  static HadesPingView at(String timestamp) {
    return new HadesPingView("ok", timestamp, "pong");
  }
}
