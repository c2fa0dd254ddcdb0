package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a job's output under a heading per task run, so that the attempts of a task and the
 * tasks of a job never run together: {@code [build]}, then its lines; {@code [build, attempt 2]}
 * and its lines. With {@code states} (submit --follow) the heading is the run's state line
 * ({@code [build] RUNNING}) and each run's end ({@code [build] COMPLETED}) follows all its output.
 *
 * <p>Output arrives in part order, and a job's runs follow each other: every part of a run is
 * stored before the run ends and the next one begins. So a part of a new run means the runs
 * before it have printed everything, and a state seen in a poll may be printed once every part
 * stored before that poll has been printed ({@link #progress}). Everything printed goes through
 * {@link Terminal}.
 */
final class TaskRunPrinter {

  private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");

  private final PrintStream out;
  private final RunLookup lookup;
  private final boolean states;
  private final Map<String, String> printedState = new HashMap<>();
  private final Map<String, JsonNode> runs = new HashMap<>();
  private List<String> order = List.of();
  private String current;
  private long lastPartId;
  private boolean atLineStart = true;

  /** How the printer learns a job's task runs: {@code GET /jobs/{id}}. */
  interface RunLookup {
    JsonNode job();
  }

  TaskRunPrinter(PrintStream out, RunLookup lookup, boolean states) {
    this.out = out;
    this.lookup = lookup;
    this.states = states;
  }

  /** One log part: its run's heading first if the run changed, then its lines. */
  synchronized void part(JsonNode part) {
    String runId = part.path("taskId").asText();
    if (!runId.equals(current)) {
      // With states, fresh rather than from the last poll: the runs before this one have ended, and their ends come first.
      if (states || !runs.containsKey(runId)) {
        learn(lookup.job());
      }
      if (states) {
        printStatesBefore(runId);
      }
      heading(runId, states ? "RUNNING" : null);
    }
    String contents = part.path("contents").asText();
    out.print(Terminal.output(contents));
    out.flush();
    if (!contents.isEmpty()) {
      atLineStart = contents.endsWith("\n");
    }
    lastPartId = Math.max(lastPartId, part.path("id").asLong());
  }

  /**
   * A poll of the job, and the newest part stored when it was taken: state changes are printed
   * once every part up to that one has been, so that no run's output appears under a later line.
   */
  synchronized void progress(JsonNode job, long newestPartId) {
    if (newestPartId <= lastPartId) {
      learn(job);
      printStatesBefore(null);
    }
  }

  /** The job has ended and all its output has been printed: the remaining state lines. */
  synchronized void end(JsonNode job) {
    learn(job);
    if (states) {
      printStatesBefore(null);
    }
    lineStart();
  }

  private void learn(JsonNode job) {
    List<String> ids = new ArrayList<>();
    for (JsonNode run : job.path("execution")) {
      String id = run.path("id").asText();
      runs.put(id, run);
      ids.add(id);
    }
    order = ids;
  }

  /**
   * Prints the state changes of every run before {@code runId} in the job's order (of every run,
   * for null): a run's start (RUNNING) and its end. A queued run has nothing to show yet.
   */
  private void printStatesBefore(String runId) {
    for (String id : order) {
      if (id.equals(runId)) {
        return;
      }
      String state = runs.get(id).path("state").asText();
      boolean shown = ENDED.contains(state) || state.equals("RUNNING");
      if (shown && !state.equals(printedState.get(id))) {
        heading(id, state);
      }
    }
  }

  /** Prints the run's heading, with its state when states are shown; the run becomes the current one. */
  private void heading(String runId, String state) {
    lineStart();
    JsonNode run = runs.get(runId);
    String label = run == null ? "[task run " + runId + "]" : label(run);
    if (state == null) {
      out.println(Terminal.line(label));
    } else {
      String error = run != null && ENDED.contains(state) && run.hasNonNull("error") ? ": " + run.path("error").asText() : "";
      out.println(Terminal.line(label + " " + state + error));
      printedState.put(runId, state);
    }
    out.flush();
    current = runId;
  }

  private void lineStart() {
    if (!atLineStart) {
      out.println();
      atLineStart = true;
    }
  }

  /** {@code [name]} for a task's first attempt, {@code [name, attempt N]} for the others. */
  static String label(JsonNode run) {
    int attempt = run.path("attempt").asInt(1);
    return "[" + run.path("name").asText() + (attempt > 1 ? ", attempt " + attempt : "") + "]";
  }
}
