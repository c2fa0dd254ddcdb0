package dev.gantry.core.schedule;

/** Pausing a scheduled job that is not active, or resuming one that is not paused. */
public class ScheduleStateException extends RuntimeException {

  private final String scheduleId;
  private final ScheduleState state;

  public ScheduleStateException(String scheduleId, ScheduleState state) {
    super("scheduled job " + scheduleId + " is " + state + (state == ScheduleState.ACTIVE ? ": it is not paused" : ": it is not active"));
    this.scheduleId = scheduleId;
    this.state = state;
  }

  public String scheduleId() {
    return scheduleId;
  }

  public ScheduleState state() {
    return state;
  }
}
