package dev.gantry.core.cluster;

/** UP while a node heartbeats; OFFLINE once it stopped (deregistered, or its heartbeats ceased). */
public enum NodeStatus { UP, OFFLINE }
