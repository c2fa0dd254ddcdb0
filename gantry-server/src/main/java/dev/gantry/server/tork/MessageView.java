package dev.gantry.server.tork;

/** Tork's error body. */
record MessageView(String message) {}
