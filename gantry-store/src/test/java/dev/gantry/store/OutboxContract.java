package dev.gantry.store;

import static dev.gantry.store.TestJobs.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobGroup;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.DeliveryState;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every store does with the outbox: calls are written by the transaction that causes them
 * (or not at all), each due call goes to one claimer, and a claim whose lease passed is taken again.
 */
public abstract class OutboxContract extends EmptyDatabaseContract {

  private static final String HOOK = "https://hooks.example.com/done";

  @Test
  void aJobThatEndsWritesItsCallbackInTheSameTransaction() {
    Job job = submitted();
    assertThat(store.deliveriesOf(job.id())).isEmpty();

    end(job);

    List<Delivery> calls = store.deliveriesOf(job.id());
    assertThat(calls).singleElement().satisfies(call -> {
      assertThat(call.kind()).isEqualTo(Delivery.HADES_CALLBACK);
      assertThat(call.url()).isEqualTo(HOOK);
      assertThat(call.event()).isEqualTo("job.StateChange");
      assertThat(call.subjectState()).isEqualTo("SUCCEEDED");
      assertThat(call.state()).isEqualTo(DeliveryState.PENDING);
      assertThat(call.attempts()).isZero();
    });
  }

  @Test
  void aStoredJobKeepsItsWebhooksAndAutoDeleteAndCallsThem() {
    JobSpec spec = new JobSpec("hooked", null, List.of(), Map.of(), List.of(task("only")), null, null, null)
        .withWebhooksAndAutoDelete(List.of(new Webhook(HOOK, Map.of("X-Job", "{{ job.name }}"), null,
            "{{ job.state == 'COMPLETED' }}")), Duration.ofHours(1));
    Job job = Job.queued(TestJobs.newId(), spec, TestJobs.T0);
    store.inTransaction(tx -> {
      tx.insertJob(job);
      return null;
    });
    assertThat(store.findJob(job.id()).orElseThrow().spec()).isEqualTo(spec);
    assertThat(store.deliveriesOf(job.id())).as("the if lets only COMPLETED through").isEmpty();

    end(job);

    assertThat(store.deliveriesOf(job.id())).singleElement().satisfies(call -> {
      assertThat(call.kind()).isEqualTo(Delivery.WEBHOOK);
      assertThat(call.headers()).isEqualTo(Map.of("X-Job", "hooked"));
      assertThat(call.subjectState()).isEqualTo("SUCCEEDED");
    });
  }

  @Test
  void headersThatReadSecretsAreSealedAtRestOpenedForTheSenderAndRedactedForReaders() throws Exception {
    String secret = "s3cr3t-value-4f1c";
    JobSpec spec = new JobSpec("hooked", null, List.of(), Map.of(), List.of(task("only")), null, null, null)
        .withWebhooksAndAutoDelete(List.of(new Webhook(HOOK, Map.of("Authorization", "Bearer {{ secrets.token }}",
            "X-Job", "{{ job.name }}"), null, null)), null)
        .withSecrets(Map.of("token", secret));
    Job job = Job.queued(TestJobs.newId(), spec, TestJobs.T0);
    store.inTransaction(tx -> {
      tx.insertJob(job);
      return null;
    });
    end(job);

    List<Delivery> shown = store.deliveriesOf(job.id());
    assertThat(shown).isNotEmpty().allSatisfy(call -> {
      assertThat(call.headers()).containsEntry("Authorization", "[REDACTED]").containsEntry("X-Job", "hooked");
      assertThat(call.secretHeaders()).containsExactly("Authorization");
    });
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(settings.url(), settings.user(),
        settings.password()); java.sql.ResultSet rows = connection.createStatement()
            .executeQuery("select headers, sealed_headers from deliveries")) {
      int count = 0;
      while (rows.next()) {
        count++;
        assertThat(rows.getString("headers")).contains("hooked").doesNotContain(secret);
        assertThat(rows.getString("sealed_headers")).startsWith(SecretCipher.PREFIX).doesNotContain(secret);
      }
      assertThat(count).isEqualTo(shown.size());
    }

    List<Delivery> claimed = store.claimDeliveries(Instant.now(), Instant.now().plusSeconds(60), 10);
    assertThat(claimed).hasSize(shown.size()).allSatisfy(call ->
        assertThat(call.headers()).isEqualTo(Map.of("Authorization", "Bearer " + secret, "X-Job", "hooked")));
  }

  @Test
  void theClaimOfARunWhoseJobHasTaskWebhooksWritesItsStartAndNoOtherClaimWritesACall() {
    JobSpec hookedSpec = new JobSpec("hooked", null, List.of(), Map.of(), List.of(task("only")), null, null, null)
        .withWebhooksAndAutoDelete(List.of(new Webhook(HOOK, Map.of("X-Task", "{{ task.name }} {{ task.state }}"),
            Webhook.TASK_STATE_CHANGE, null)), null);
    Job hooked = Job.queued(TestJobs.newId(), hookedSpec, TestJobs.T0);
    Job plain = Job.queued(TestJobs.newId(), new JobSpec("plain", null, List.of(), Map.of(), List.of(task("only")),
        null, null, null), TestJobs.T0.plusSeconds(1));
    for (Job job : List.of(hooked, plain)) {
      store.inTransaction(tx -> {
        tx.insertJob(job);
        tx.insertRuns(List.of(TestJobs.aRun(job).build()));
        return null;
      });
    }
    assertThat(store.deliveriesOf(hooked.id())).extracting(Delivery::subjectState).containsExactly("QUEUED");

    Instant now = Instant.now();
    List<String> claimedJobs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      claimedJobs.add(store.claimNext(java.util.Set.of("default"), "node-1", now, now.plusSeconds(60)).orElseThrow().jobId());
    }
    assertThat(claimedJobs).containsExactlyInAnyOrder(hooked.id(), plain.id());

    assertThat(store.deliveriesOf(hooked.id())).extracting(Delivery::subjectState).containsExactlyInAnyOrder("QUEUED", "RUNNING");
    assertThat(store.deliveriesOf(hooked.id())).filteredOn(call -> call.subjectState().equals("RUNNING")).singleElement()
        .satisfies(call -> {
          assertThat(call.event()).isEqualTo(Webhook.TASK_STATE_CHANGE);
          assertThat(call.headers().get("X-Task")).endsWith(" RUNNING");
          assertThat(call.runId()).isNotNull();
        });
    assertThat(store.deliveriesOf(plain.id())).isEmpty();
  }

  @Test
  void aRunningTasksNewProgressIsStoredWithItsProgressCallsAndKeptWhenItEnds() {
    JobSpec spec = new JobSpec("reporting", null, List.of(), Map.of(), List.of(task("only")), null, null, null)
        .withWebhooksAndAutoDelete(List.of(new Webhook(HOOK, Map.of("X-Progress", "{{ task.progress }}"),
            Webhook.TASK_PROGRESS, null)), null);
    Job job = Job.queued(TestJobs.newId(), spec, TestJobs.T0);
    store.inTransaction(tx -> {
      tx.insertJob(job);
      tx.insertRuns(List.of(TestJobs.aRun(job).build()));
      return null;
    });
    String runId = store.runsOf(job.id()).get(0).id();
    assertThat(store.recordProgress(runId, 10, TestJobs.T0)).as("a queued run reports nothing").isFalse();
    Instant now = Instant.now();
    TaskRun claimed = store.claimNext(java.util.Set.of("default"), "node-1", now, now.plusSeconds(60)).orElseThrow();
    assertThat(store.deliveriesOf(job.id())).as("no task.StateChange webhook").isEmpty();

    assertThat(store.recordProgress(runId, 40, now)).isTrue();
    assertThat(store.recordProgress(runId, 40, now)).as("unchanged").isFalse();
    assertThat(store.recordProgress(runId, 80.5, now)).isTrue();

    assertThat(store.findRun(runId).orElseThrow().progress()).isEqualTo(80.5);
    assertThat(store.deliveriesOf(job.id())).extracting(call -> call.headers().get("X-Progress"))
        .containsExactlyInAnyOrder("40", "80.5");
    assertThat(store.deliveriesOf(job.id())).allSatisfy(call -> {
      assertThat(call.event()).isEqualTo(Webhook.TASK_PROGRESS);
      assertThat(call.runId()).isEqualTo(runId);
      assertThat(call.subjectState()).isEqualTo("RUNNING");
    });
    store.inTransaction(tx -> {
      tx.updateRun(claimed.finished(dev.gantry.core.job.RunState.SUCCEEDED, 0, null, null, now));
      return null;
    });
    assertThat(store.findRun(runId).orElseThrow().progress()).as("kept when the run ends").isEqualTo(80.5);
    assertThat(store.recordProgress(runId, 90, now)).as("an ended run reports nothing").isFalse();
    assertThat(store.deliveriesOf(job.id())).hasSize(2);
  }

  @Test
  void aTasksProgressCountsInItsJobsAsTorkComputesItUntilTheJobMovesOnAndCallsItsJobProgressWebhooks() {
    JobSpec spec = new JobSpec("two", null, List.of(), Map.of(), List.of(task("a"), task("b")), null, null, null)
        .withWebhooksAndAutoDelete(List.of(new Webhook(HOOK, Map.of("X-Progress", "{{ job.progress }}"),
            Webhook.JOB_PROGRESS, null)), null);
    Job job = Job.queued(TestJobs.newId(), spec, TestJobs.T0);
    store.inTransaction(tx -> {
      tx.insertJob(job);
      tx.insertRuns(List.of(TestJobs.aRun(job).build()));
      return null;
    });
    Instant now = Instant.now();
    TaskRun claimed = store.claimNext(java.util.Set.of("default"), "node-1", now, now.plusSeconds(60)).orElseThrow();
    assertThat(store.findJob(job.id()).orElseThrow().progress()).isEqualTo(0.0);

    assertThat(store.recordProgress(claimed.id(), 50, now)).isTrue();
    Job reported = store.findJob(job.id()).orElseThrow();
    assertThat(reported.reported()).isEqualTo(new dev.gantry.core.job.ReportedProgress(1, 50));
    assertThat(reported.progress()).as("(0 tasks done + 0.5) / 2").isEqualTo(25.0);
    assertThat(store.recordProgress(claimed.id(), 100.0 / 3, now)).isTrue();
    assertThat(store.findJob(job.id()).orElseThrow().progress()).as("two decimals").isEqualTo(16.67);
    assertThat(store.deliveriesOf(job.id())).extracting(call -> call.headers().get("X-Progress"))
        .containsExactlyInAnyOrder("25", "16.67");
    assertThat(store.deliveriesOf(job.id())).allSatisfy(call -> {
      assertThat(call.event()).isEqualTo(Webhook.JOB_PROGRESS);
      assertThat(call.runId()).as("a job event").isNull();
      assertThat(call.subjectPosition()).isEqualTo(1);
    });

    store.inTransaction(tx -> {
      Job locked = tx.lockJob(job.id()).orElseThrow();
      tx.updateRun(claimed.finished(dev.gantry.core.job.RunState.SUCCEEDED, 0, null, null, now));
      tx.updateJob(locked.atPosition(2));
      return null;
    });
    assertThat(store.findJob(job.id()).orElseThrow().progress()).as("the report was the first task's").isEqualTo(50.0);
    store.inTransaction(tx -> {
      tx.updateJob(tx.lockJob(job.id()).orElseThrow().failed(dev.gantry.core.job.JobState.FAILED, "stop", now).requeued());
      return null;
    });
    assertThat(store.findJob(job.id()).orElseThrow().reported()).as("a restart forgets the report").isNull();
  }

  @Test
  void aStoredJobKeepsItsEndTriggersAndItsEndWritesTheCallsWhoseConditionHolds() {
    JobSpec spec = new JobSpec("triggered", null, List.of(), Map.of(), List.of(task("only")), null, null, null)
        .withTriggers(List.of(
            new EndTrigger(Delivery.SOURCEHUT_WEBHOOK, EndTrigger.Condition.FAILURE, HOOK, Map.of()),
            new EndTrigger(Delivery.EMAIL, EndTrigger.Condition.SUCCESS, "mailto:a@example.org,b@example.org",
                Map.of("To", "Alice <a@example.org>", "In-Reply-To", "<x@example.org>"))));
    Job job = Job.queued(TestJobs.newId(), spec, TestJobs.T0);
    store.inTransaction(tx -> {
      tx.insertJob(job);
      return null;
    });
    assertThat(store.findJob(job.id()).orElseThrow().spec()).isEqualTo(spec);
    assertThat(store.deliveriesOf(job.id())).isEmpty();

    end(job);

    assertThat(store.deliveriesOf(job.id())).singleElement().satisfies(call -> {
      assertThat(call.kind()).isEqualTo(Delivery.EMAIL);
      assertThat(call.event()).isEqualTo(Delivery.JOB_ENDED);
      assertThat(call.url()).isEqualTo("mailto:a@example.org,b@example.org");
      assertThat(call.headers()).isEqualTo(Map.of("To", "Alice <a@example.org>", "In-Reply-To", "<x@example.org>"));
      assertThat(call.subjectState()).isEqualTo("SUCCEEDED");
    });
  }

  @Test
  void aGroupsTriggersAreWrittenOnceByTheEndOfItsLastJob() {
    Job a = submitted();
    Job b = submitted();
    JobGroup group = store.insertGroup(new JobGroup(0, "alice", "both", List.of(number(a), number(b)), TestJobs.T0, List.of(
        new EndTrigger(Delivery.SOURCEHUT_WEBHOOK, EndTrigger.Condition.ALWAYS, HOOK, Map.of()),
        new EndTrigger(Delivery.EMAIL, EndTrigger.Condition.SUCCESS, "mailto:a@example.org", Map.of()))));
    assertThat(store.findGroup(group.id())).hasValue(group);

    end(a);
    assertThat(store.deliveriesOf(a.id())).extracting(Delivery::kind).containsExactly(Delivery.HADES_CALLBACK);
    store.inTransaction(tx -> {
      tx.updateJob(tx.lockJob(b.id()).orElseThrow().failed(JobState.FAILED, "exit 1", Instant.now()));
      return null;
    });

    assertThat(store.deliveriesOf(b.id())).filteredOn(d -> d.event().equals(Delivery.GROUP_ENDED)).singleElement()
        .satisfies(call -> {
          assertThat(call.kind()).isEqualTo(Delivery.SOURCEHUT_WEBHOOK);
          assertThat(call.headers()).containsEntry(Delivery.GROUP_HEADER, Long.toString(group.id()));
          assertThat(call.subjectState()).isEqualTo("FAILED");
        });
  }

  @Test
  void jobsOfAGroupEndingAtOnceWriteItsTriggersOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 8; round++) {
        Job a = submitted();
        Job b = submitted();
        store.insertGroup(new JobGroup(0, "alice", null, List.of(number(a), number(b)), TestJobs.T0,
            List.of(new EndTrigger(Delivery.SOURCEHUT_WEBHOOK, EndTrigger.Condition.ALWAYS, HOOK, Map.of()))));
        List<Future<?>> ends = new ArrayList<>();
        for (Job job : List.of(a, b)) {
          ends.add(pool.submit(() -> end(job)));
        }
        for (Future<?> end : ends) {
          end.get();
        }
        List<Delivery> groupCalls = new ArrayList<>();
        for (Job job : List.of(a, b)) {
          store.deliveriesOf(job.id()).stream().filter(d -> d.event().equals(Delivery.GROUP_ENDED)).forEach(groupCalls::add);
        }
        assertThat(groupCalls).as("round " + round).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private long number(Job job) {
    return store.jobNumber(job.id()).orElseThrow();
  }

  @Test
  void aTransactionThatFailsWritesNoCall() {
    Job job = submitted();
    assertThatThrownBy(() -> store.inTransaction(tx -> {
      Job locked = tx.lockJob(job.id()).orElseThrow();
      tx.updateJob(locked.succeeded(null, Instant.now()));
      throw new IllegalStateException("the work failed after the change");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(store.deliveriesOf(job.id())).isEmpty();
    assertThat(store.claimDeliveries(Instant.now(), Instant.now().plusSeconds(60), 10)).isEmpty();
  }

  @Test
  void aClaimedCallIsHeldUntilItsLeasePassesThenClaimedAgain() {
    Job job = submitted();
    end(job);
    Instant now = Instant.now();

    List<Delivery> first = store.claimDeliveries(now, now.plusSeconds(60), 10);
    assertThat(first).singleElement().extracting(Delivery::attempts).isEqualTo(1);
    assertThat(store.claimDeliveries(now.plusSeconds(30), now.plusSeconds(90), 10)).as("held by the first claim").isEmpty();

    List<Delivery> again = store.claimDeliveries(now.plusSeconds(61), now.plusSeconds(121), 10);
    assertThat(again).singleElement().extracting(Delivery::attempts).isEqualTo(2);
    assertThat(again.get(0).id()).isEqualTo(first.get(0).id());

    assertThat(store.finishDelivery(first.get(0).delivered(now))).as("the first claim is no longer current").isFalse();
    assertThat(store.finishDelivery(again.get(0).delivered(now.plusSeconds(62)))).isTrue();
    assertThat(store.deliveriesOf(job.id())).singleElement().satisfies(call -> {
      assertThat(call.state()).isEqualTo(DeliveryState.DELIVERED);
      assertThat(call.deliveredAt()).isNotNull();
    });
    assertThat(store.claimDeliveries(now.plusSeconds(600), now.plusSeconds(660), 10)).isEmpty();
  }

  @Test
  void aRetryIsDueAtItsNextAttemptAndAFailedCallNeverAgain() {
    Job retried = submitted();
    Job failed = submitted();
    end(retried);
    end(failed);
    Instant now = Instant.now();
    List<Delivery> claimed = store.claimDeliveries(now, now.plusSeconds(60), 10);
    assertThat(claimed).hasSize(2);
    for (Delivery call : claimed) {
      Delivery after = call.jobId().equals(retried.id()) ? call.retryAt(now.plusSeconds(5), "HTTP 503")
          : call.failed("refused: 127.0.0.1 is a loopback address");
      assertThat(store.finishDelivery(after)).isTrue();
    }

    assertThat(store.claimDeliveries(now.plusSeconds(4), now.plusSeconds(64), 10)).isEmpty();
    assertThat(store.claimDeliveries(now.plusSeconds(5), now.plusSeconds(65), 10)).singleElement()
        .satisfies(call -> {
          assertThat(call.jobId()).isEqualTo(retried.id());
          assertThat(call.lastError()).isEqualTo("HTTP 503");
          assertThat(call.attempts()).isEqualTo(2);
        });
    assertThat(store.deliveriesOf(failed.id())).singleElement().satisfies(call -> {
      assertThat(call.state()).isEqualTo(DeliveryState.FAILED);
      assertThat(call.lastError()).contains("loopback");
    });
  }

  @Test
  void keepsTheHeadersOfACall() {
    Job job = submitted();
    Delivery call = Delivery.pending(TestJobs.newId(), Delivery.WEBHOOK, job.id(), null, "job.Progress", HOOK,
        Map.of("X-Token", "s3cr3t", "X-Job", "büld"), "RUNNING", 1, Instant.now());
    store.inTransaction(tx -> {
      tx.insertDeliveries(List.of(call));
      return null;
    });
    assertThat(store.deliveriesOf(job.id())).singleElement().extracting(Delivery::headers)
        .isEqualTo(Map.of("X-Token", "s3cr3t", "X-Job", "büld"));
  }

  @Test
  void concurrentClaimersGetEachCallOnce() throws Exception {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Job job = submitted();
      end(job);
      expected.add(job.id());
    }
    List<String> claimedJobs = Collections.synchronizedList(new ArrayList<>());
    ExecutorService claimers = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        work.add(() -> {
          List<Delivery> got;
          do {
            Instant now = Instant.now();
            got = store.claimDeliveries(now, now.plus(Duration.ofMinutes(5)), 3);
            got.forEach(d -> claimedJobs.add(d.jobId()));
          } while (!got.isEmpty());
          return null;
        });
      }
      for (Future<Void> done : claimers.invokeAll(work)) {
        done.get();
      }
    } finally {
      claimers.shutdownNow();
    }
    assertThat(claimedJobs).containsExactlyInAnyOrderElementsOf(expected);
  }

  private Job submitted() {
    JobSpec spec = new JobSpec("with callback", null, List.of(), Map.of(), List.of(task("only")), null, null, HOOK);
    Job job = Job.queued(TestJobs.newId(), spec, TestJobs.T0);
    store.inTransaction(tx -> {
      tx.insertJob(job);
      return null;
    });
    return job;
  }

  private void end(Job job) {
    store.inTransaction(tx -> {
      Job locked = tx.lockJob(job.id()).orElseThrow();
      tx.updateJob(locked.succeeded(null, Instant.now()));
      return null;
    });
    assertThat(store.findJob(job.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
  }
}
