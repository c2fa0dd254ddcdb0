package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.auth.AccessDeniedException;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.schedule.Cron;
import dev.gantry.core.schedule.ScheduleState;
import dev.gantry.core.schedule.ScheduleStateException;
import dev.gantry.core.schedule.ScheduledJob;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scheduled jobs fire once per tick, with a clock the test moves: no real minute is waited for. */
class ScheduleFirerTest {

  private static final JobSpec SPEC = JobSpecReader.read("name: nightly\ntags: [cron]\ntasks: [{name: t, image: busybox}]",
      Format.YAML);

  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:30Z"));
  private final InMemoryStore store = new InMemoryStore();
  private final LocalSignals signals = new LocalSignals();
  private final ScheduleService schedules = new ScheduleService(store, clock, HostAccessPolicy.NONE);
  private final ScheduleFirer firer = new ScheduleFirer(store, signals, clock);
  private final Principal alice = new Principal("alice", Set.of(Scope.JOBS_READ, Scope.JOBS_WRITE));

  private List<Job> jobsOf(String scheduleId) {
    return store.listJobs(JobQuery.parse(null, 1, 20)).items().stream().filter(j -> scheduleId.equals(j.scheduleId()))
        .toList();
  }

  private void at(String instant) {
    clock.set(Instant.parse(instant));
  }

  @Test
  void startsOneJobPerTickAndRecordsItsSchedule() {
    ScheduledJob schedule = schedules.create(alice, SPEC, Cron.parse("* * * * *"));
    assertThat(schedule.nextFireAt()).isEqualTo(Instant.parse("2025-03-01T10:01:00Z"));

    at("2025-03-01T10:00:59Z");
    firer.run();
    assertThat(jobsOf(schedule.id())).isEmpty();

    at("2025-03-01T10:01:02Z");
    firer.run();
    firer.run();
    List<Job> jobs = jobsOf(schedule.id());
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).state()).isEqualTo(JobState.QUEUED);
    assertThat(jobs.get(0).name()).isEqualTo("nightly");
    assertThat(jobs.get(0).spec().tags()).containsExactly("cron");
    assertThat(jobs.get(0).owner()).as("a tick's job is its schedule's creator's").isEqualTo("alice");
    assertThat(store.runsOf(jobs.get(0).id())).extracting(r -> r.state()).containsExactly(RunState.QUEUED);
    assertThat(schedules.schedule(alice, schedule.id()).nextFireAt()).isEqualTo(Instant.parse("2025-03-01T10:02:00Z"));

    at("2025-03-01T10:02:00Z");
    firer.run();
    assertThat(jobsOf(schedule.id())).hasSize(2);
  }

  @Test
  void twoFirersOnOneStoreStartOneJobPerTick() {
    ScheduleFirer other = new ScheduleFirer(store, signals, clock);
    ScheduledJob schedule = schedules.create(alice, SPEC, Cron.parse("*/5 * * * *"));

    for (int minute = 5; minute <= 30; minute += 5) {
      at("2025-03-01T10:%02d:01Z".formatted(minute));
      firer.run();
      other.run();
      firer.run();
    }

    assertThat(jobsOf(schedule.id())).hasSize(6);
  }

  @Test
  void ticksMissedWhileNothingRanStartOneJob() {
    ScheduledJob schedule = schedules.create(alice, SPEC, Cron.parse("* * * * *"));

    at("2025-03-01T13:30:20Z"); // three and a half hours down
    firer.run();
    firer.run();

    assertThat(jobsOf(schedule.id())).hasSize(1);
    assertThat(schedules.schedule(alice, schedule.id()).nextFireAt()).isEqualTo(Instant.parse("2025-03-01T13:31:00Z"));
  }

  @Test
  void aPausedScheduleStartsNothingAndResumesFromTheNextTick() {
    ScheduledJob schedule = schedules.create(alice, SPEC, Cron.parse("@hourly"));
    schedules.pause(alice, schedule.id());
    assertThat(schedules.schedule(alice, schedule.id()).state()).isEqualTo(ScheduleState.PAUSED);

    clock.advance(Duration.ofHours(5));
    firer.run();
    assertThat(jobsOf(schedule.id())).isEmpty();

    schedules.resume(alice, schedule.id());
    firer.run();
    assertThat(jobsOf(schedule.id())).isEmpty();
    assertThat(schedules.schedule(alice, schedule.id()).nextFireAt()).isEqualTo(Instant.parse("2025-03-01T16:00:00Z"));

    at("2025-03-01T16:00:00Z");
    firer.run();
    assertThat(jobsOf(schedule.id())).hasSize(1);
  }

  @Test
  void pauseAndResumeAreRefusedInTheWrongState() {
    ScheduledJob schedule = schedules.create(alice, SPEC, Cron.parse("@daily"));

    assertThatThrownBy(() -> schedules.resume(alice, schedule.id())).isInstanceOf(ScheduleStateException.class)
        .hasMessage("scheduled job " + schedule.id() + " is ACTIVE: it is not paused");
    schedules.pause(alice, schedule.id());
    assertThatThrownBy(() -> schedules.pause(alice, schedule.id())).isInstanceOf(ScheduleStateException.class)
        .hasMessage("scheduled job " + schedule.id() + " is PAUSED: it is not active");
    assertThatThrownBy(() -> schedules.pause(alice, "nope")).isInstanceOf(NotFoundException.class)
        .hasMessage("scheduled job nope not found");
  }

  @Test
  void aDeletedScheduleStartsNothingAndItsJobsStay() {
    ScheduledJob schedule = schedules.create(alice, SPEC, Cron.parse("* * * * *"));
    at("2025-03-01T10:01:00Z");
    firer.run();
    schedules.delete(alice, schedule.id());

    at("2025-03-01T10:02:00Z");
    firer.run();

    assertThat(jobsOf(schedule.id())).hasSize(1);
    assertThatThrownBy(() -> schedules.schedule(alice, schedule.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> schedules.delete(alice, schedule.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void scopesAreCheckedAsForJobs() {
    // Two tokens of one user: schedules are their owner's.
    Principal reader = new Principal("writer", Set.of(Scope.JOBS_READ));
    Principal writer = new Principal("writer", Set.of(Scope.JOBS_WRITE));
    ScheduledJob schedule = schedules.create(writer, SPEC, Cron.parse("@daily"));
    assertThat(schedule.owner()).isEqualTo("writer");

    assertThat(schedules.schedule(reader, schedule.id()).id()).isEqualTo(schedule.id());
    assertThat(schedules.list(reader, 1, 10).totalItems()).isEqualTo(1);
    assertThatThrownBy(() -> schedules.create(reader, SPEC, Cron.parse("@daily"))).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("jobs:write");
    assertThatThrownBy(() -> schedules.pause(reader, schedule.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> schedules.resume(reader, schedule.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> schedules.delete(reader, schedule.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> schedules.schedule(writer, schedule.id())).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("jobs:read");
    assertThatThrownBy(() -> schedules.list(writer, 1, 10)).isInstanceOf(AccessDeniedException.class);
    schedules.pause(writer, schedule.id());
    schedules.delete(writer, schedule.id());
    assertThat(store.listSchedules(1, 10).totalItems()).isZero();
  }

  @Test
  void anotherUsersScheduleDoesNotExistForACallerButForAnAdmin() {
    Principal alice = new Principal("alice", Set.of(Scope.JOBS_READ, Scope.JOBS_WRITE));
    Principal bob = new Principal("bob", Set.of(Scope.JOBS_READ, Scope.JOBS_WRITE));
    ScheduledJob schedule = schedules.create(alice, SPEC, Cron.parse("@daily"));

    assertThat(schedules.list(bob, 1, 10).totalItems()).isZero();
    assertThat(schedules.list(alice, 1, 10).totalItems()).isEqualTo(1);
    assertThat(schedules.list(Principal.SYSTEM, 1, 10).totalItems()).isEqualTo(1);
    assertThatThrownBy(() -> schedules.schedule(bob, schedule.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> schedules.pause(bob, schedule.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> schedules.delete(bob, schedule.id())).isInstanceOf(NotFoundException.class);
    assertThat(store.findSchedule(schedule.id())).isPresent();
  }

  @Test
  void aTicksJobHasItsFirstTaskTemplatesEvaluatedAsASubmitWould() {
    JobSpec templated = JobSpecReader.read("""
        name: greet
        inputs: {who: world}
        tasks: [{name: t, image: busybox, env: {WHO: '{{ inputs.who }}'}, run: echo $WHO}]""", Format.YAML);
    ScheduledJob schedule = schedules.create(alice, templated, Cron.parse("* * * * *"));

    at("2025-03-01T10:01:00Z");
    firer.run();

    Job job = jobsOf(schedule.id()).get(0);
    assertThat(store.runsOf(job.id())).singleElement().satisfies(run -> assertThat(run.task().env()).containsEntry("WHO", "world"));
  }

  @Test
  void aScheduleWhoseFirstTemplatesCannotEvaluateOrThatHasSecretsIsRefused() {
    JobSpec failing = JobSpecReader.read(
        "name: bad\ntasks: [{name: t, image: busybox, env: {X: '{{ inputs.missing.deeper }}'}}]", Format.YAML);
    JobSpec secret = JobSpecReader.read(
        "name: s\nsecrets: {token: abc}\ntasks: [{name: t, image: busybox, env: {T: '{{ secrets.token }}'}}]", Format.YAML);

    assertThatThrownBy(() -> schedules.create(alice, failing, Cron.parse("* * * * *")))
        .hasMessageContaining("tasks[0].env.X");
    assertThatThrownBy(() -> schedules.create(alice, secret, Cron.parse("* * * * *")))
        .hasMessageContaining("secrets: a scheduled job cannot have secrets yet");
    assertThat(store.listSchedules(1, 20).items()).isEmpty();
  }
}
