package dev.gantry.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a crash soak saw: jobs, kills, final states, leftovers, and every violated promise. */
final class SoakReport {

  int accepted;
  /** Submit attempts refused or cut off by a kill; each was retried until its job was accepted. */
  int failedSubmits;
  int stored;
  int kills;
  int runs;
  int lostRuns;
  int leftovers;
  double seconds;
  final Map<String, Integer> finalStates = new TreeMap<>();
  final List<String> violations = new ArrayList<>();
  void violation(String what) {
    if (violations.size() < 50) {
      violations.add(what);
    } else if (violations.size() == 50) {
      violations.add("... (more violations left out)");
    }
  }

  boolean passed() {
    return violations.isEmpty();
  }

  String summary() {
    StringBuilder out = new StringBuilder();
    out.append(String.format("crash soak: %d jobs accepted, %d stored (%d submit attempts failed while the server was down),"
        + " %d kill -9, %.0f s%n", accepted, stored, failedSubmits, kills, seconds));
    out.append(String.format("final job states: %s; %d task runs, %d of them ended by a lost worker%n", finalStates, runs, lostRuns));
    out.append(String.format("leftover containers and volumes: %d%n", leftovers));
    out.append(passed() ? "PASSED: every accepted job ended, none lost, no task ran twice, nothing left behind\n"
        : "FAILED: " + violations.size() + " violations:\n  " + String.join("\n  ", violations) + "\n");
    return out.toString();
  }
}
