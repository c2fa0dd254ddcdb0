package dev.gantry.server.hades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.TaskRun;
import dev.gantry.server.CallbackReceiver;
import dev.gantry.server.CallbackReceiver.Received;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.LogStreams;
import dev.gantry.server.ServerSettings;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import dev.gantry.server.tork.NativeDialect;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code callback_url}: the job's logs are POSTed to a receiver (on this machine) when the job ends, retried while it fails. */
class HadesCallbackTest {

  private static final ServerSettings SETTINGS = ServerSettings.defaults().withPort(0);
  private static final List<Duration> QUICK_RETRIES = List.of(Duration.ofMillis(50), Duration.ofMillis(100));

  private final TestServer server = new TestServer(SETTINGS, jobs -> {
    LogStreams streams = new LogStreams(jobs);
    return List.of(new NativeDialect(jobs, SETTINGS, streams), new HadesDialect(jobs, SETTINGS, streams, QUICK_RETRIES, Clock.systemUTC()));
  });

  @AfterEach
  void stop() {
    server.close();
  }

  private String submittedWithCallback(String url) {
    Reply reply = server.post("/build", "application/json", """
        {"name": "with callback", "callback_url": "%s", "steps": [{"id": 1, "image": "busybox"}]}""".formatted(url));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("id").asText();
  }

  @Test
  void theLogsArePostedWhenTheJobEnds() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String id = submittedWithCallback(receiver.url("/results"));
      TaskRun run = server.worker.claim();
      server.worker.log(run, 1, "built\n");
      server.worker.succeed(run, null);

      Received received = receiver.awaitDelivery(Duration.ofSeconds(20));

      assertThat(received.method()).isEqualTo("POST");
      assertThat(received.contentType()).isEqualTo("application/json");
      JsonNode logs = JsonResponses.mapper().readTree(received.body()).path("logs");
      assertThat(logs.path(0).path("job_id").asText()).isEqualTo(id);
      assertThat(logs.path(0).path("container_id").asText()).isEqualTo(run.id());
      assertThat(logs.path(0).path("logs").path(0).path("message").asText()).isEqualTo("built");
      assertThat(receiver.requests()).hasSize(1);
    }
  }

  @Test
  void aFailingReceiverIsTriedAgain() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(2)) {
      submittedWithCallback(receiver.url("/flaky"));
      TaskRun run = server.worker.claim();
      server.worker.fail(run, 1, "exit code 1");

      receiver.awaitDelivery(Duration.ofSeconds(20));

      assertThat(receiver.requests()).hasSize(3).extracting(Received::body).containsOnly(receiver.requests().get(0).body());
    }
  }

  @Test
  void aCallbackUrlIsLoggedWithoutItsCredentials() throws Exception {
    Logger callbackLog = (Logger) LoggerFactory.getLogger(HadesCallbacks.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Level level = callbackLog.getLevel();
    callbackLog.setLevel(Level.DEBUG);
    callbackLog.addAppender(lines);
    try (CallbackReceiver receiver = new CallbackReceiver(1)) {
      String plain = receiver.url("/hook");
      submittedWithCallback(plain.replace("http://", "http://builder:s3cret@") + "?token=t0ken");
      server.worker.fail(server.worker.claim(), 1, "exit code 1");
      receiver.awaitDelivery(Duration.ofSeconds(20));
      await().atMost(Duration.ofSeconds(10)).until(() -> messages(lines).stream().anyMatch(m -> m.contains("delivered")));

      assertThat(messages(lines)).hasSize(2).allSatisfy(line -> assertThat(line).contains(plain + "?...")
          .doesNotContain("builder").doesNotContain("s3cret").doesNotContain("t0ken"));
    } finally {
      callbackLog.detachAppender(lines);
      callbackLog.setLevel(level);
    }
  }

  private static List<String> messages(ListAppender<ILoggingEvent> lines) {
    synchronized (lines.list) {
      return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Test
  void aCancelledJobCallsBackToo() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String id = submittedWithCallback(receiver.url("/cancelled"));
      server.jobs.cancel(id);
      assertThat(receiver.awaitDelivery(Duration.ofSeconds(20)).body()).contains(id);
    }
  }

  @Test
  void aReceiverThatDoesNotAnswerHoldsUpNoOtherCallback() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (CallbackReceiver slow = new CallbackReceiver(0, never); CallbackReceiver fast = new CallbackReceiver(0)) {
      submittedWithCallback(slow.url("/slow"));
      server.worker.succeed(server.worker.claim(), null);
      await().atMost(Duration.ofSeconds(20)).until(() -> slow.requests().size() == 1);

      String second = submittedWithCallback(fast.url("/fast"));
      server.worker.succeed(server.worker.claim(), null);

      assertThat(fast.awaitDelivery(Duration.ofSeconds(20)).body()).contains(second);
      never.countDown();
    }
  }
}
