package dev.gantry.core.schedule;

/** A scheduled job starts jobs while ACTIVE; PAUSED ones wait for a resume. */
public enum ScheduleState { ACTIVE, PAUSED }
