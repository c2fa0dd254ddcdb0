package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.client.Job;
import dev.gantry.client.LogPart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame (headline, tree, log tail) as a pure function, and the view that redraws it in place. */
class LiveJobViewTest {

  private static LogPart part(long id, String run, String contents) {
    return new LogPart(id, 1, run, "stdout", contents, null);
  }

  @Test
  void aFrameIsTheHeadlineTheTreeAndTheLogsLastLinesEachCutToTheWidth() throws Exception {
    Job job = TaskTreeTest.parallelJob();
    List<String> frame = LiveFrame.render(job, List.of("build amd64 | compiling", "x".repeat(200)), null, TaskTreeTest.NOW, 60);
    assertThat(frame.get(0)).isEqualTo("j1  release  RUNNING  task 2 of 3  30.0s");
    assertThat(frame.subList(1, 6)).containsExactlyElementsOf(
        TaskTree.lines(job, TaskTreeTest.NOW).stream().map(line -> "  " + line).toList());
    assertThat(frame.get(6)).isEqualTo("-- log --");
    assertThat(frame.get(7)).isEqualTo("build amd64 | compiling");
    assertThat(frame.get(8)).hasSize(59).endsWith("…");
    assertThat(LiveFrame.render(job, List.of("\u001b[2Jcleared"), "lost it", TaskTreeTest.NOW, 80))
        .endsWith("\\e[2Jcleared", "gantry: lost it");
  }

  @Test
  void eachRedrawMovesUpOverTheLastFrameAndTheEndLeavesTheTreeAndTheWholeLog() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Clock clock = Clock.fixed(TaskTreeTest.NOW, ZoneOffset.UTC);
    LiveJobView view = new LiveJobView(out, clock, 80);
    Job job = TaskTreeTest.parallelJob();
    view.job(job);
    String first = bytes.toString(StandardCharsets.UTF_8);
    assertThat(first).doesNotContain("\u001b").endsWith("  publish        waiting\n");
    assertThat(first.lines()).hasSize(6);
    bytes.reset();
    view.job(job); // a poll: the same 6 lines are drawn over
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\r\u001b[6A\u001b[J" + first);
    bytes.reset();
    view.part(part(1, "r3", "compiling\n"));
    view.part(part(2, "r3", "linking\n"));
    view.job(job);
    String third = bytes.toString(StandardCharsets.UTF_8);
    assertThat(third.substring(third.lastIndexOf("\u001b[J"))).contains("-- log --\nbuild amd64 | compiling\nbuild amd64 | linking\n");
    bytes.reset();
    view.finish(job, true);
    String end = bytes.toString(StandardCharsets.UTF_8);
    assertThat(end).startsWith("\r\u001b[9A\u001b[J");
    assertThat(end.substring("\r\u001b[9A\u001b[J".length())).doesNotContain("\u001b").isEqualTo("""
        j1  release  RUNNING  task 2 of 3
          checkout       COMPLETED      4.5s
          builds         RUNNING       25.0s
            build amd64  RUNNING       23.0s  attempt 2
            build arm64  COMPLETED     10.0s
          publish        waiting
        [build amd64, attempt 2]
        compiling
        linking
        """);
  }

  @Test
  void onlyATerminalGetsTheLiveView() {
    assertThat(Terminal.interactive(true, "xterm-256color")).isTrue();
    assertThat(Terminal.interactive(false, "xterm-256color")).as("piped or redirected").isFalse();
    assertThat(Terminal.interactive(true, "dumb")).isFalse();
    assertThat(Terminal.interactive(true, null)).isFalse();
    assertThat(Terminal.width("132")).isEqualTo(132);
    assertThat(Terminal.width(null)).isEqualTo(Terminal.DEFAULT_WIDTH);
    assertThat(Terminal.width("wide")).isEqualTo(Terminal.DEFAULT_WIDTH);
    assertThat(Terminal.width("5")).isEqualTo(Terminal.DEFAULT_WIDTH);
  }
}
