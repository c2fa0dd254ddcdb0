package dev.gantry.core.cluster;

/** What a Gantry process does: serves the API and maintenance, runs tasks, or both. */
public enum NodeRole { SERVER, WORKER, STANDALONE }
