package dev.gantry.cli;

import dev.gantry.client.Job;

/** {@code gantry status}'s first line: id, name, state and where the job is among its tasks. */
final class JobHeadline {

  private JobHeadline() {}

  static String of(Job job) {
    return Terminal.line(String.format("%s  %s  %s  %s", job.id(), job.name(), job.state(), where(job.position(), job.taskCount())));
  }

  /** A job past its last task ({@code position} is {@code taskCount + 1} once it COMPLETED, as in Tork) has them all done. */
  static String where(int position, int taskCount) {
    if (position > taskCount) {
      return taskCount == 1 ? "its task done" : "all " + taskCount + " tasks done";
    }
    return "task " + position + " of " + taskCount;
  }
}
