package dev.gantry.server.hades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.server.CallbackReceiver;
import dev.gantry.server.CallbackReceiver.Received;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code callback_url}: the job's logs are POSTed to a receiver (on this machine, which the test
 * server allows) when the job ends, from the outbox: retried while it fails, with one delivery id.
 */
class HadesCallbackTest {

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private String submittedWithCallback(TestServer target, String url) {
    Reply reply = target.post("/build", "application/json", """
        {"name": "with callback", "callback_url": "%s", "steps": [{"id": 1, "image": "busybox"}]}""".formatted(url));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("id").asText();
  }

  @Test
  void theLogsArePostedWhenTheJobEnds() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String id = submittedWithCallback(server, receiver.url("/results"));
      TaskRun run = server.worker.claim();
      server.worker.log(run, 1, "built\n");
      server.worker.succeed(run, null);

      Received received = receiver.awaitDelivery(Duration.ofSeconds(20));

      assertThat(received.method()).isEqualTo("POST");
      assertThat(received.path()).isEqualTo("/results");
      assertThat(received.contentType()).isEqualTo("application/json");
      assertThat(received.header("X-Gantry-Delivery")).isNotBlank();
      assertThat(received.header("X-Gantry-Event")).isEqualTo("job.StateChange");
      JsonNode logs = JsonResponses.mapper().readTree(received.body()).path("logs");
      assertThat(logs.path(0).path("job_id").asText()).isEqualTo(id);
      assertThat(logs.path(0).path("container_id").asText()).isEqualTo(run.id());
      assertThat(logs.path(0).path("logs").path(0).path("message").asText()).isEqualTo("built");
      assertThat(receiver.requests()).hasSize(1);
      await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(id).path(0).path("state").asText().equals("DELIVERED"));
      assertThat(deliveries(id).path(0).path("id").asText()).isEqualTo(received.header("X-Gantry-Delivery"));
    }
  }

  @Test
  void aReceiverThatFailsThreeTimesGetsTheCallWithTheSameDeliveryId() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(3)) {
      String id = submittedWithCallback(server, receiver.url("/flaky"));
      TaskRun run = server.worker.claim();
      server.worker.fail(run, 1, "exit code 1");

      receiver.awaitDelivery(Duration.ofSeconds(20));

      assertThat(receiver.requests()).hasSize(4).extracting(Received::body).containsOnly(receiver.requests().get(0).body());
      assertThat(receiver.requests()).extracting(r -> r.header("X-Gantry-Delivery")).doesNotContainNull()
          .containsOnly(receiver.requests().get(0).header("X-Gantry-Delivery"));
      await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(id).path(0).path("state").asText().equals("DELIVERED"));
      JsonNode delivery = deliveries(id).path(0);
      assertThat(delivery.path("attempts").asInt()).isEqualTo(4);
      assertThat(delivery.path("error").asText()).contains("500");
    }
  }

  @Test
  void aReceiverThatNeverSucceedsEndsFailedWithTheReasonShownAndNoUrlCredentials() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(100)) {
      String plain = receiver.url("/hook");
      String id = submittedWithCallback(server, plain.replace("http://", "http://builder:s3cret@") + "?token=t0ken");
      server.worker.fail(server.worker.claim(), 1, "exit code 1");

      await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(id).path(0).path("state").asText().equals("FAILED"));

      JsonNode delivery = deliveries(id).path(0);
      assertThat(delivery.path("attempts").asInt()).isEqualTo(TestServer.QUICK_OUTBOX.maxAttempts());
      assertThat(delivery.path("error").asText()).contains("gave up after 5 attempts").contains("answered 500");
      assertThat(delivery.path("url").asText()).isEqualTo(plain + "?...");
      assertThat(delivery.toString()).doesNotContain("s3cret").doesNotContain("t0ken").doesNotContain("builder");
      assertThat(receiver.requests()).hasSize(5);
    }
  }

  @Test
  void aCancelledJobCallsBackToo() throws Exception {
    try (CallbackReceiver receiver = new CallbackReceiver(0)) {
      String id = submittedWithCallback(server, receiver.url("/cancelled"));
      server.jobs.cancel(id);
      assertThat(receiver.awaitDelivery(Duration.ofSeconds(20)).body()).contains(id);
    }
  }

  @Test
  void aReceiverThatDoesNotAnswerHoldsUpNoOtherCallback() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (CallbackReceiver slow = new CallbackReceiver(0, never); CallbackReceiver fast = new CallbackReceiver(0)) {
      try {
        submittedWithCallback(server, slow.url("/slow"));
        server.worker.succeed(server.worker.claim(), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> slow.requests().size() == 1);

        String second = submittedWithCallback(server, fast.url("/fast"));
        server.worker.succeed(server.worker.claim(), null);

        assertThat(fast.awaitDelivery(Duration.ofSeconds(20)).body()).contains(second);
      } finally {
        never.countDown(); // lets the slow receiver answer, so that it can stop
      }
    }
  }

  @Test
  void aCallbackToAnInternalAddressIsRefusedAtSubmitUnlessAllowed() {
    try (TestServer strict = TestServer.withCallTargets(CallTargetPolicy.PUBLIC_ONLY)) {
      for (String url : new String[] {"http://127.0.0.1:9/hook", "http://169.254.169.254/latest/meta-data/",
          "http://localhost:8000/x", "http://[::1]/x", "http://10.0.0.5/x"}) {
        Reply reply = strict.post("/build", "application/json", """
            {"name": "j", "callback_url": "%s", "steps": [{"id": 1, "image": "busybox"}]}""".formatted(url));
        assertThat(reply.status()).as(url).isEqualTo(400);
        assertThat(reply.body()).as(url).contains("callback_url").contains("--allow-private-callbacks");
      }
      assertThat(strict.storedJobs()).isZero();
    }
  }

  private JsonNode deliveries(String jobId) {
    Reply reply = server.get("/jobs/" + jobId + "/deliveries");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("items");
  }
}
