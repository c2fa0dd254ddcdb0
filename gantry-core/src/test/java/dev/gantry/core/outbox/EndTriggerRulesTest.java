package dev.gantry.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.EndTrigger.Condition;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's end triggers become outbox calls exactly once, when it ends and their condition holds. */
class EndTriggerRulesTest {

  private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
  private static final List<EndTrigger> TRIGGERS = List.of(
      new EndTrigger(Delivery.SOURCEHUT_WEBHOOK, Condition.ALWAYS, "http://hooks.example.org/always", Map.of()),
      new EndTrigger(Delivery.SOURCEHUT_WEBHOOK, Condition.SUCCESS, "http://hooks.example.org/success", Map.of()),
      new EndTrigger(Delivery.EMAIL, Condition.FAILURE, "mailto:a@example.org,b@example.org", Map.of("Cc", "b@example.org")));

  private final Job running = Job.queued("j1", "alice", new JobSpec("build", null, List.of(), Map.of(),
      List.of(new TaskSpec("t", null, "busybox:latest", "true", List.of(), List.of(), Map.of(), Map.of(), null, null, 0,
          null, null, null))).withTriggers(TRIGGERS), NOW).running(NOW);

  @Test
  void aFailedJobCallsItsAlwaysAndFailureTriggers() {
    List<Delivery> calls = OutboxRules.jobChanged(running, running.failed(JobState.FAILED, "exit 1", NOW), NOW);

    assertThat(calls).extracting(Delivery::kind, Delivery::url, Delivery::event, Delivery::subjectState)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Delivery.SOURCEHUT_WEBHOOK, "http://hooks.example.org/always",
                Delivery.JOB_ENDED, "FAILED"),
            org.assertj.core.groups.Tuple.tuple(Delivery.EMAIL, "mailto:a@example.org,b@example.org", Delivery.JOB_ENDED,
                "FAILED"));
    assertThat(calls.get(1).headers()).containsEntry("Cc", "b@example.org");
    assertThat(calls).allMatch(c -> c.state() == DeliveryState.PENDING && c.jobId().equals("j1") && c.runId() == null);
  }

  @Test
  void aSucceededJobCallsItsAlwaysAndSuccessTriggers() {
    List<Delivery> calls = OutboxRules.jobChanged(running, running.succeeded(null, NOW), NOW);

    assertThat(calls).extracting(Delivery::url)
        .containsExactly("http://hooks.example.org/always", "http://hooks.example.org/success");
  }

  @Test
  void timeoutAndCancelAreFailures() {
    assertThat(OutboxRules.jobChanged(running, running.failed(JobState.TIMED_OUT, "timeout", NOW), NOW))
        .extracting(Delivery::kind).containsExactly(Delivery.SOURCEHUT_WEBHOOK, Delivery.EMAIL);
    assertThat(OutboxRules.jobChanged(running, running.cancelled(NOW), NOW))
        .extracting(Delivery::kind).containsExactly(Delivery.SOURCEHUT_WEBHOOK, Delivery.EMAIL);
  }

  @Test
  void noCallBeforeTheEndNorWhenAnEndedJobIsWrittenAgain() {
    Job failed = running.failed(JobState.FAILED, "exit 1", NOW);

    assertThat(OutboxRules.jobChanged(null, running, NOW)).isEmpty();
    assertThat(OutboxRules.jobChanged(running, running.atPosition(2), NOW)).isEmpty();
    assertThat(OutboxRules.jobChanged(failed, failed, NOW)).isEmpty();
  }

  @Test
  void aTriggerToAnInternalAddressIsRefusedAtSubmitNamingIt() {
    JobSpec spec = running.spec().withTriggers(List.of(
        new EndTrigger(Delivery.EMAIL, Condition.ALWAYS, "mailto:a@example.org", Map.of()),
        new EndTrigger(Delivery.SOURCEHUT_WEBHOOK, Condition.ALWAYS, "http://169.254.169.254/latest", Map.of())));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CallTargetPolicy.PUBLIC_ONLY.check(spec))
        .hasMessageContaining("triggers[1].url").hasMessageContaining("link-local");
    assertThat(new CallTargetPolicy(true).check(spec)).isSameAs(spec);
  }
}
