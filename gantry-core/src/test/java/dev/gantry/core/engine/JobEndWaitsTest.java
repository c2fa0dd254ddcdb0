package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.ManualWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Waiting for a job's end: by its signal, by the store when no signal comes, or until the timeout. */
class JobEndWaitsTest {

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStore store = new InMemoryStore();
  private final LocalSignals signals = new LocalSignals();
  private final JobService jobs = new JobService(store, signals, clock);
  private final ManualWorker worker = new ManualWorker(store, signals, clock);
  private final List<JobEndWaits> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(JobEndWaits::close);
  }

  private JobEndWaits waits(JobService over) {
    JobEndWaits waits = new JobEndWaits(over);
    opened.add(waits);
    return waits;
  }

  private Job submitted() {
    TaskSpec task = new TaskSpec("t", null, "busybox:latest", "true", List.of(), List.of(), Map.of(), Map.of(), null, null,
        0, null, "none", null);
    return jobs.submit(new JobSpec("j", null, List.of(), Map.of(), List.of(task)));
  }

  @Test
  void theJobAsItEndedOnceItsSignalCame() throws Exception {
    JobEndWaits waits = waits(jobs);
    Job job = submitted();
    CompletableFuture<Optional<Job>> ended = waits.reserve().whenEnded(job.id(), Duration.ofSeconds(30));
    assertThat(ended).isNotDone();

    worker.runToSuccess("done");

    Job answer = ended.get(10, TimeUnit.SECONDS).orElseThrow();
    assertThat(answer.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(answer.result()).isEqualTo("done");
  }

  @Test
  void theStoreTellsWhenNoSignalComesAsFromAnotherProcess() throws Exception {
    // This JobService hears no signal of the one that ends the job.
    JobEndWaits waits = waits(new JobService(store, new LocalSignals(), clock));
    Job job = submitted();
    CompletableFuture<Optional<Job>> ended = waits.reserve().whenEnded(job.id(), Duration.ofSeconds(30));

    worker.runToSuccess("r");

    assertThat(ended.get(10, TimeUnit.SECONDS)).hasValueSatisfying(j -> assertThat(j.state()).isEqualTo(JobState.SUCCEEDED));
  }

  @Test
  void aJobThatHadAlreadyEndedIsAnsweredAtOnce() throws Exception {
    JobEndWaits waits = waits(jobs);
    Job job = submitted();
    worker.runToSuccess("early");

    assertThat(waits.reserve().whenEnded(job.id(), Duration.ofSeconds(30)).get(10, TimeUnit.SECONDS)).isPresent();
  }

  @Test
  void theTimeoutAnswersEmptyAndTheJobGoesOn() throws Exception {
    JobEndWaits waits = waits(jobs);
    Job job = submitted();

    assertThat(waits.reserve().whenEnded(job.id(), Duration.ofMillis(200)).get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(jobs.job(job.id()).state().isTerminal()).isFalse();
  }

  @Test
  void atMostSoManyWaitAtOnceAndAnUnusedPlaceIsGivenBack() {
    JobEndWaits waits = waits(jobs);
    List<JobEndWaits.Reservation> taken = new ArrayList<>();
    for (int i = 0; i < JobEndWaits.MAX_WAITING; i++) {
      taken.add(waits.reserve());
    }

    assertThatThrownBy(waits::reserve).isInstanceOf(JobEndWaits.TooManyWaitsException.class)
        .hasMessageContaining("at most " + JobEndWaits.MAX_WAITING);
    taken.get(0).close();
    assertThat(waits.reserve()).isNotNull();
  }

  @Test
  void aPlaceComesBackWhenItsWaitEnds() throws Exception {
    JobEndWaits waits = waits(jobs);
    Job job = submitted();
    for (int i = 0; i < JobEndWaits.MAX_WAITING; i++) {
      waits.reserve().whenEnded(job.id(), Duration.ofMillis(100));
    }
    JobEndWaits.Reservation last = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> tryReserve(waits), r -> r != null);
    assertThat(last).as("a place came back once the earlier waits timed out").isNotNull();
  }

  private static JobEndWaits.Reservation tryReserve(JobEndWaits waits) {
    try {
      return waits.reserve();
    } catch (JobEndWaits.TooManyWaitsException stillFull) {
      return null;
    }
  }
}
