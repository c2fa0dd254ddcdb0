package dev.gantry.cli;

import dev.gantry.client.Job;
import dev.gantry.client.LogPart;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live view on a terminal: a {@link LiveFrame} redrawn in place (the cursor moved up over
 * the last frame, which is then cleared) whenever the job or its log changes, and at the end the
 * final tree and, for {@code submit --follow}, the whole log as {@code gantry logs} prints it.
 * Only the cursor moves and clears are ANSI; everything from the job is escaped.
 */
final class LiveJobView {

  static final int TAIL_LINES = 10;
  private static final long MIN_REDRAW_MILLIS = 100;

  private final PrintStream out;
  private final Clock clock;
  private final int width;
  private final Deque<String> tail = new ArrayDeque<>();
  private final List<LogPart> parts = new ArrayList<>();
  private final Map<String, String> runNames = new HashMap<>();
  private final StringBuilder partialLine = new StringBuilder();
  private Job job;
  private String notice;
  private int shownLines;
  private long lastDrawn;

  LiveJobView(PrintStream out, Clock clock, int width) {
    this.out = out;
    this.clock = clock;
    this.width = width;
  }

  /** A fresh poll of the job: the tree is redrawn with its states and times. */
  synchronized void job(Job polled) {
    job = polled;
    polled.execution().forEach(run -> runNames.put(run.id(), run.name()));
    notice = null;
    draw();
  }

  /** A part of the log: its lines join the tail (each after its task's name). */
  synchronized void part(LogPart part) {
    parts.add(part);
    String name = runNames.getOrDefault(part.taskId(), "");
    String contents = part.contents() == null ? "" : part.contents();
    for (int i = 0; i < contents.length(); i++) {
      char c = contents.charAt(i);
      if (c == '\n') {
        tail.addLast((name.isEmpty() ? "" : name + " | ") + partialLine);
        partialLine.setLength(0);
        while (tail.size() > TAIL_LINES) {
          tail.removeFirst();
        }
      } else {
        partialLine.append(c);
      }
    }
    if (clock.millis() - lastDrawn >= MIN_REDRAW_MILLIS) {
      draw();
    }
  }

  /** Something to tell the person (the server went away), shown under the frame until the next poll. */
  synchronized void notice(String message) {
    notice = message;
    draw();
  }

  /** Replaces the frame by the job's final tree and, with {@code withLog}, its whole log under a heading per task run. */
  synchronized void finish(Job ended, boolean withLog) {
    erase();
    job = ended;
    out.println(JobHeadline.of(ended));
    if (ended.result() != null) {
      out.println("result: " + Terminal.line(ended.result()));
    }
    if (ended.error() != null) {
      out.println("error: " + Terminal.line(ended.error()));
    }
    TaskTree.lines(ended, clock.instant()).forEach(line -> out.println("  " + line));
    if (withLog && !parts.isEmpty()) {
      TaskRunPrinter printer = new TaskRunPrinter(out, () -> ended, false);
      parts.forEach(printer::part);
      printer.end(ended);
    }
    out.flush();
  }

  private void draw() {
    if (job == null) {
      return;
    }
    List<String> lines = new ArrayList<>(tail);
    if (partialLine.length() > 0) {
      lines.add(partialLine.toString());
    }
    List<String> frame = LiveFrame.render(job, lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()), notice,
        clock.instant(), width);
    StringBuilder screen = new StringBuilder(erasure());
    frame.forEach(line -> screen.append(line).append('\n'));
    out.print(screen);
    out.flush();
    shownLines = frame.size();
    lastDrawn = clock.millis();
  }

  private void erase() {
    out.print(erasure());
    shownLines = 0;
  }

  /** Back to the first line of the frame shown, and clear from there down. */
  private String erasure() {
    return shownLines == 0 ? "" : "\r\u001b[" + shownLines + "A\u001b[J";
  }
}
