package dev.gantry.core.job;

/** A job's integer number (given by the store as the job is stored, in that order) and its id. */
public record JobNumber(long number, String jobId) {}
