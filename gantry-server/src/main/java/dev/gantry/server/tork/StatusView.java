package dev.gantry.server.tork;

/** Tork's acknowledgement ({@code {"status":"OK"}}) and health ({@code {"status":"UP","version":...}}) bodies. */
record StatusView(String status, String version) {

  static final StatusView OK = new StatusView("OK", null);
}
