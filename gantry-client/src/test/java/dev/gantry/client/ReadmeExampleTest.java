package dev.gantry.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.TaskRun;
import dev.gantry.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** README's Java example, the same code (between the markers), run against a real server so that it cannot rot. */
class ReadmeExampleTest {

  /** The README's example as a method: it reads the environment's server and token from its arguments. */
  static void example(String server, String token, PrintStream out) {
    // README example begins
    GantryClient gantry = GantryClient.builder(server).token(token).build();
    JobSummary job = gantry.submit(JobBuilder.named("hello from Java").tag("demo")
        .task("greet", "busybox:latest", "echo hello from Java")
        .build());
    JobSummary end = gantry.followLog(job.id(), part -> out.print(part.contents()));
    out.println(job.id() + " " + end.state());
    for (JobSummary failed : gantry.jobs(JobSearch.all().withQuery("tag:demo").withState("FAILED")).items()) {
      gantry.restart(failed.id());
    }
    // README example ends
  }

  @Test
  void theReadmeShowsExactlyTheseLines() throws Exception {
    List<String> source = Files.readAllLines(Path.of("src/test/java/dev/gantry/client/ReadmeExampleTest.java"));
    int begin = source.indexOf("    // README example begins");
    int end = source.indexOf("    // README example ends");
    String example = source.subList(begin + 1, end).stream().map(line -> line.substring(4)).collect(Collectors.joining("\n"));
    assertThat(example.lines()).hasSizeLessThanOrEqualTo(10);
    assertThat(Files.readString(Path.of("../README.md"))).contains("```java\n// String server = ").contains(example + "\n```");
  }

  @Test
  void theReadmesExampleRuns() throws Exception {
    try (TestServer server = TestServer.withAuth()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      CompletableFuture<Void> ran = CompletableFuture.runAsync(() ->
          example("http://127.0.0.1:" + server.uri("/").getPort(), server.adminToken, out));
      // As a worker would: take the job's task once it is queued, print and succeed.
      TaskRun run = org.awaitility.Awaitility.await().ignoreExceptions().until(server.worker::claim, r -> r != null);
      server.worker.log(run, 1, "hello from Java\n");
      server.worker.succeed(run, null);
      ran.get(10, TimeUnit.SECONDS);
      assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("hello from Java\n").endsWith(" COMPLETED\n");
    }
  }
}
