package dev.gantry.core.job;

/**
 * Where a sub-job sits: the job ({@code jobId}) whose {@code subjob} task at {@code path} started
 * it, and the root of its tree ({@code rootId}), whose row every change in the tree locks first so
 * that parents and children never wait for each other in opposite orders.
 */
public record JobParent(String jobId, NodePath path, String rootId) {}
