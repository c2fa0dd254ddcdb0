package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gantry.client.Job;
import dev.gantry.client.LogPart;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The order of headings, lines and states, with the job as the server would show it at each step. */
class TaskRunPrinterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private Job job = job();

  private static Job job(String... runs) {
    ObjectNode job = JSON.createObjectNode();
    ArrayNode execution = job.putArray("execution");
    for (String run : runs) {
      String[] f = run.split(":", -1); // id:name:attempt:state[:error]
      ObjectNode r = execution.addObject().put("id", f[0]).put("name", f[1]).put("attempt", Integer.parseInt(f[2])).put("state", f[3]);
      if (f.length > 4) {
        r.put("error", f[4]);
      }
    }
    return JSON.convertValue(job, Job.class);
  }

  private static LogPart part(long id, String run, String contents) {
    return JSON.convertValue(JSON.createObjectNode().put("id", Long.toString(id)).put("taskId", run).put("contents", contents),
        LogPart.class);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachTaskRunsLinesComeUnderItsOwnStateLine() {
    TaskRunPrinter printer = new TaskRunPrinter(out, () -> job, true);
    job = job("r1:build:1:RUNNING");
    printer.progress(job, 0);
    printer.part(part(1, "r1", "compiling\n"));
    // The poll that sees the second task may come before the first task's last line is printed: it waits.
    job = job("r1:build:1:COMPLETED", "r2:test:1:RUNNING");
    printer.progress(job, 2);
    printer.part(part(2, "r1", "built\n"));
    printer.part(part(3, "r2", "testing\n"));
    job = job("r1:build:1:COMPLETED", "r2:test:1:FAILED:exit code 1", "r3:test:2:COMPLETED");
    printer.part(part(4, "r3", "testing again"));
    printer.end(job);
    assertThat(printed()).isEqualTo("""
        [build] RUNNING
        compiling
        built
        [build] COMPLETED
        [test] RUNNING
        testing
        [test] FAILED: exit code 1
        [test, attempt 2] RUNNING
        testing again
        [test, attempt 2] COMPLETED
        """);
  }

  @Test
  void aTaskWithoutOutputShowsItsStatesOnceTheOutputBeforeIsOut() {
    TaskRunPrinter printer = new TaskRunPrinter(out, () -> job, true);
    job = job("r1:quiet:1:COMPLETED", "r2:sleeps:1:RUNNING");
    printer.progress(job, 0);
    job = job("r1:quiet:1:COMPLETED", "r2:sleeps:1:COMPLETED");
    printer.end(job);
    assertThat(printed()).isEqualTo("[quiet] COMPLETED\n[sleeps] RUNNING\n[sleeps] COMPLETED\n");
  }

  @Test
  void aSkippedTaskShowsOnlyItsStateBetweenTheOthers() {
    TaskRunPrinter printer = new TaskRunPrinter(out, () -> job, true);
    job = job("r1:greet:1:RUNNING");
    printer.part(part(1, "r1", "hello\n"));
    job = job("r1:greet:1:COMPLETED", "r2:only when quiet:1:SKIPPED", "r3:count:1:RUNNING");
    printer.part(part(2, "r3", "counted\n"));
    job = job("r1:greet:1:COMPLETED", "r2:only when quiet:1:SKIPPED", "r3:count:1:COMPLETED");
    printer.end(job);
    assertThat(printed()).isEqualTo("""
        [greet] RUNNING
        hello
        [greet] COMPLETED
        [only when quiet] SKIPPED
        [count] RUNNING
        counted
        [count] COMPLETED
        """);
  }

  @Test
  void withoutStatesEachRunGetsAHeadingAndNamesAndLinesAreEscaped() {
    job = job("r1:a\u001b[2J:1:FAILED", "r2:a\u001b[2J:2:COMPLETED");
    TaskRunPrinter printer = new TaskRunPrinter(out, () -> job, false);
    printer.part(part(1, "r1", "one\r\n"));
    printer.part(part(2, "r2", "one\n\u001b[31mred\n"));
    printer.end(job);
    assertThat(printed()).isEqualTo("[a\\e[2J]\none\\r\n[a\\e[2J, attempt 2]\none\n\\e[31mred\n");
  }
}
