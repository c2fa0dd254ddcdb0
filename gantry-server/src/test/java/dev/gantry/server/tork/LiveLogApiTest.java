package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.LiveResponse;
import dev.gantry.server.LogStreams;
import dev.gantry.server.ServerSettings;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /jobs/{id}/log/stream}: history, then live output as it is stored, until the job ends. */
class LiveLogApiTest {

  private static final ServerSettings SETTINGS = ServerSettings.defaults().withPort(0);
  private static final int MAX_STREAMS = 3;

  private final TestServer server = new TestServer(SETTINGS,
      jobs -> List.of(new NativeDialect(jobs, SETTINGS, new LogStreams(jobs, MAX_STREAMS))));
  private String jobId;
  private TaskRun run;

  @AfterEach
  void stop() {
    server.close();
  }

  private void aRunningJob() {
    jobId = server.submitted(SubmitJobApiTest.HELLO);
    run = server.worker.claim();
  }

  private LiveResponse stream(String... headers) {
    LiveResponse response = LiveResponse.open(server.uri("/jobs/" + jobId + "/log/stream"), headers);
    assertThat(response.status()).isEqualTo(200);
    return response;
  }

  @Test
  void plainTextGivesTheHistoryThenEachNewLineThenEndsWithTheJob() {
    aRunningJob();
    server.worker.log(run, 1, "before\n");
    try (LiveResponse live = stream()) {
      assertThat(live.header("Content-Type")).startsWith("text/plain");
      assertThat(live.nextLine()).isEqualTo("before");
      server.worker.log(run, 2, "while running\n");
      // the line arrives while the job still runs: the response is live, not buffered to the end
      assertThat(live.nextLine()).isEqualTo("while running");
      server.worker.log(run, 3, LogPart.Stream.STDERR, "on stderr\n");
      assertThat(live.nextLine()).isEqualTo("on stderr");
      server.worker.succeed(run, "hello world");
      assertThat(live.restOfLines()).isEmpty();
    }
    assertThat(server.jobs.logFollowers()).isZero();
  }

  @Test
  void plainTextIsTheOutputAsPrintedUpToALastPieceWithoutNewline() throws Exception {
    aRunningJob();
    server.worker.log(run, 1, "a\r\nprogress\r");
    CompletableFuture<HttpResponse<String>> body = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(server.uri("/jobs/" + jobId + "/log/stream")).build(), HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(20)).until(() -> server.jobs.logFollowers() == 1);

    server.worker.log(run, 2, LogPart.Stream.STDERR, "err\n");
    server.worker.log(run, 3, "tail2");
    server.worker.succeed(run, "hello world");

    assertThat(body.get(20, TimeUnit.SECONDS).body()).isEqualTo("a\r\nprogress\rerr\ntail2");
  }

  @Test
  void eventsCarryPartIdsAndEndWithTheJobSummary() throws IOException {
    aRunningJob();
    LogPart first = server.worker.log(run, 1, "one\ntwo\n");
    try (LiveResponse live = stream("Accept", "text/event-stream")) {
      assertThat(live.header("Content-Type")).startsWith("text/event-stream");
      assertThat(live.linesUntil(String::isEmpty)).containsExactly("id: " + first.id(), "event: log",
          "data: " + JsonResponses.mapper().writeValueAsString(LogPartView.of(first)), "");
      server.worker.fail(run, 1, "exit code 1");
      List<String> rest = live.restOfLines();
      assertThat(rest).contains("event: end");
      JsonNode end = JsonResponses.mapper().readTree(rest.get(rest.indexOf("event: end") + 1).substring("data: ".length()));
      assertThat(end.path("id").asText()).isEqualTo(jobId);
      assertThat(end.path("state").asText()).isEqualTo("FAILED");
    }
  }

  @Test
  void aReconnectingClientResumesAfterTheLastEventItGot() {
    aRunningJob();
    LogPart first = server.worker.log(run, 1, "one\n");
    server.worker.log(run, 2, "two\n");
    server.worker.succeed(run, null);
    try (LiveResponse live = stream("Accept", "text/event-stream", "Last-Event-ID", Long.toString(first.id()))) {
      assertThat(live.restOfLines()).filteredOn(l -> l.contains("\"contents\"")).singleElement()
          .satisfies(data -> assertThat(data).contains("\"contents\":\"two\\n\""));
    }
    try (LiveResponse plain = LiveResponse.open(server.uri("/jobs/" + jobId + "/log/stream?after=" + first.id()))) {
      assertThat(plain.restOfLines()).containsExactly("two");
    }
  }

  @Test
  void aClientThatHangsUpIsForgotten() {
    aRunningJob();
    server.worker.log(run, 1, "first\n");
    LiveResponse live = stream();
    assertThat(live.nextLine()).isEqualTo("first");
    assertThat(server.jobs.logFollowers()).isEqualTo(1);

    live.close();
    // The server notices at its next write (or the one after: the first may still fit in the socket's buffer).
    AtomicInteger number = new AtomicInteger(1);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
      server.worker.log(run, number.incrementAndGet(), "more\n");
      return server.jobs.logFollowers() == 0;
    });
  }

  @Test
  void tooManyStreamsAreRefusedUntilOneEnds() {
    aRunningJob();
    List<LiveResponse> open = new ArrayList<>();
    for (int i = 0; i < MAX_STREAMS; i++) {
      open.add(stream());
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> server.jobs.logFollowers() == MAX_STREAMS);

    Reply refused = server.get("/jobs/" + jobId + "/log/stream");
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.message()).contains("too many live log streams");
    assertThat(server.jobs.logFollowers()).isEqualTo(MAX_STREAMS);

    server.worker.succeed(run, null);
    open.forEach(response -> assertThat(response.restOfLines()).isEmpty());
    open.forEach(LiveResponse::close);
  }

  @Test
  void badRequestsAreAnsweredBeforeAnythingIsStreamed() {
    aRunningJob();
    Reply unknown = server.get("/jobs/0123456789abcdef0123456789abcdef/log/stream");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.message()).isEqualTo("job 0123456789abcdef0123456789abcdef not found");
    Reply badPosition = server.get("/jobs/" + jobId + "/log/stream?after=last");
    assertThat(badPosition.status()).isEqualTo(400);
    assertThat(badPosition.message()).contains("must be a part id");
    assertThat(server.jobs.logFollowers()).isZero();
  }
}
