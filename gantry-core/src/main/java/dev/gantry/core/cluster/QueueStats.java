package dev.gantry.core.cluster;

/** A queue as users see it: its load and how many live workers take work from it. */
public record QueueStats(String name, long queued, long running, int subscribers) {}
