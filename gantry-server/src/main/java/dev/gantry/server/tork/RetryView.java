package dev.gantry.server.tork;

/** Tork's {@code retry}: the task's limit and, on a task run, the retries used so far. */
record RetryView(Integer limit, Integer attempts) {}
