package dev.gantry.server.daestro;

/** Daestro's envelope of a successful answer: {@code {"ok": true, "data": ...}}. */
record DaestroAnswer(boolean ok, Object data) {

  static DaestroAnswer of(Object data) {
    return new DaestroAnswer(true, data);
  }
}
