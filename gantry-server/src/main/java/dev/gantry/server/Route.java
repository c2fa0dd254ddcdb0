package dev.gantry.server;

/** One route of the server: its method, its path (with {@code {params}}) and whether it is open to anyone. */
public record Route(String method, String path, boolean open) {}
