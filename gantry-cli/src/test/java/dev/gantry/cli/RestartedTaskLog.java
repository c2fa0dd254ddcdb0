package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The 30-second task of the restart tests and what its stored log must be: it prints that it
 * started, then a numbered line a second, then writes its result. A task run twice would print
 * "started" twice; a gap or a line stored twice shows in the numbers.
 */
final class RestartedTaskLog {

  static final int LINES = 30;
  static final String SCRIPT = "echo started; i=0; while [ $i -lt " + LINES + " ]; do i=$((i+1)); echo line $i; sleep 1; done;"
      + " echo -n done > $GANTRY_OUTPUT";

  private RestartedTaskLog() {}

  /** The log the task prints when it runs once, to its end. */
  static String expected() {
    return "started\n" + IntStream.rangeClosed(1, LINES).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
  }

  /** The job's stored log, every part in order (the API pages newest first). */
  static String of(Http http, String jobId) {
    List<JsonNode> parts = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode items = http.get("/jobs/" + jobId + "/log?size=100&page=" + page).body().path("items");
      items.forEach(parts::add);
      if (items.size() < 100) {
        break;
      }
    }
    parts.sort(Comparator.comparingInt(p -> p.path("number").asInt()));
    return parts.stream().map(p -> p.path("contents").asText()).collect(Collectors.joining());
  }

  /** How many lines the task has printed so far, as stored. */
  static long linesSoFar(Http http, String jobId) {
    return of(http, jobId).lines().filter(l -> l.startsWith("line ")).count();
  }
}
