package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code gantry status}'s first line: id, name, state and where the job is among its tasks. */
final class JobHeadline {

  private JobHeadline() {}

  static String of(JsonNode job) {
    return Terminal.line(String.format("%s  %s  %s  %s", job.path("id").asText(), job.path("name").asText(),
        job.path("state").asText(), where(job.path("position").asInt(), job.path("taskCount").asInt())));
  }

  /** A job past its last task ({@code position} is {@code taskCount + 1} once it COMPLETED, as in Tork) has them all done. */
  static String where(int position, int taskCount) {
    if (position > taskCount) {
      return taskCount == 1 ? "its task done" : "all " + taskCount + " tasks done";
    }
    return "task " + position + " of " + taskCount;
  }
}
