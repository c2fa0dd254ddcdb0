package dev.gantry.core.cluster;

/**
 * What the whole cluster is doing now, as Tork's {@code /metrics} reports it: jobs and task runs
 * RUNNING, nodes UP, and the mean CPU use of the UP nodes (0 when none is).
 */
public record ClusterLoad(long jobsRunning, long tasksRunning, int nodesOnline, double cpuPercent) {}
