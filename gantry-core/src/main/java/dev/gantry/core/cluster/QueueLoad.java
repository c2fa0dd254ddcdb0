package dev.gantry.core.cluster;

/** How many runs of a queue wait to be claimed ({@code queued}) and how many are being run ({@code running}). */
public record QueueLoad(String queue, long queued, long running) {}
