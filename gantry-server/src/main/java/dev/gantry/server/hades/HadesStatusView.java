package dev.gantry.server.hades;

/** {@code GET /build/{id}/status}: the job's id and its Hades status. */
record HadesStatusView(String id, String status) {}
