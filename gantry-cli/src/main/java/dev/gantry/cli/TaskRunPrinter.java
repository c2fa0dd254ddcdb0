package dev.gantry.cli;

import dev.gantry.client.Job;
import dev.gantry.client.LogPart;
import dev.gantry.client.TaskRun;
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

  /** A SKIPPED run (its {@code if} was false) never ran and prints nothing but its state line. */
  private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED", "SKIPPED");

  private final PrintStream out;
  private final RunLookup lookup;
  private final boolean states;
  private final Map<String, String> printedState = new HashMap<>();
  private final Map<String, TaskRun> runs = new HashMap<>();
  private List<String> order = List.of();
  private String current;
  private long lastPartId;
  private boolean atLineStart = true;

  /** How the printer learns a job's task runs: {@code GET /jobs/{id}}. */
  interface RunLookup {
    Job job();
  }

  TaskRunPrinter(PrintStream out, RunLookup lookup, boolean states) {
    this.out = out;
    this.lookup = lookup;
    this.states = states;
  }

  /** One log part: its run's heading first if the run changed, then its lines. */
  synchronized void part(LogPart part) {
    String runId = part.taskId();
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
    String contents = part.contents() == null ? "" : part.contents();
    out.print(Terminal.output(contents));
    out.flush();
    if (!contents.isEmpty()) {
      atLineStart = contents.endsWith("\n");
    }
    lastPartId = Math.max(lastPartId, part.id());
  }

  /**
   * A poll of the job, and the newest part stored when it was taken: state changes are printed
   * once every part up to that one has been, so that no run's output appears under a later line.
   */
  synchronized void progress(Job job, long newestPartId) {
    if (newestPartId <= lastPartId) {
      learn(job);
      printStatesBefore(null);
    }
  }

  /** The job has ended and all its output has been printed: the remaining state lines (null: only the last line's end). */
  synchronized void end(Job job) {
    if (job != null) {
      learn(job);
    }
    if (states) {
      printStatesBefore(null);
    }
    lineStart();
  }

  private void learn(Job job) {
    List<String> ids = new ArrayList<>();
    for (TaskRun run : job.execution()) {
      String id = run.id();
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
      String state = runs.get(id).state();
      boolean shown = ENDED.contains(state) || state.equals("RUNNING");
      if (shown && !state.equals(printedState.get(id))) {
        heading(id, state);
      }
    }
  }

  /** Prints the run's heading, with its state when states are shown; the run becomes the current one. */
  private void heading(String runId, String state) {
    lineStart();
    TaskRun run = runs.get(runId);
    String label = run == null ? "[task run " + runId + "]" : label(run);
    if (state == null) {
      out.println(Terminal.line(label));
    } else {
      String error = run != null && ENDED.contains(state) && run.error() != null ? ": " + run.error() : "";
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
  static String label(TaskRun run) {
    int attempt = run.attempt();
    return "[" + (run.name() == null ? "" : run.name()) + (attempt > 1 ? ", attempt " + attempt : "") + "]";
  }
}
