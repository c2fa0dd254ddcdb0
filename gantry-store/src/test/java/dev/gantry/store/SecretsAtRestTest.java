package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.UserSecret;
import dev.gantry.core.schedule.ScheduleState;
import dev.gantry.core.schedule.ScheduledJob;
import dev.gantry.core.spec.JobSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 database's files, as `gantry standalone` leaves them, hold no secret in clear. */
class SecretsAtRestTest {

  static final String NEEDLE = "needle-4f1c9a-plaintext";

  @TempDir Path dataDir;

  /** A job whose secret's value is {@link #NEEDLE}, as a submit stores it. */
  static Job secretJob() {
    JobSpec spec = new JobSpec("secretive", null, List.of(), Map.of(), List.of(TestJobs.task("t")), null, null, null,
        Map.of(), null, true, Map.of("token", NEEDLE));
    return Job.queued(TestJobs.newId(), "alice", spec, TestJobs.T0);
  }

  /** A schedule whose jobs' secret is {@link #NEEDLE}. */
  static ScheduledJob secretSchedule() {
    return new ScheduledJob(TestJobs.newId(), secretJob().spec(), "@daily", ScheduleState.ACTIVE, TestJobs.T0,
        TestJobs.T0.plusSeconds(60), "alice");
  }

  /** Stores a job, a schedule and a user's builds.sr.ht secret with the secret, and reads them back with it. */
  static void storeBoth(JdbcStore store) {
    UserSecret stored = new UserSecret(java.util.UUID.randomUUID().toString(), "alice", "deploy key", "ssh_key", NEEDLE,
        null, null, TestJobs.T0);
    store.insertUserSecret(stored);
    assertThat(store.userSecretsOf("alice")).contains(stored);
    Job job = secretJob();
    ScheduledJob schedule = secretSchedule();
    store.inTransaction(tx -> {
      tx.insertJob(job);
      return null;
    });
    store.insertSchedule(schedule);
    assertThat(store.findJob(job.id()).orElseThrow().spec().secrets()).containsEntry("token", NEEDLE);
    assertThat(store.findSchedule(schedule.id()).orElseThrow().spec().secrets()).containsEntry("token", NEEDLE);
    assertThat(store.dueSchedules(TestJobs.T0.plusSeconds(120), 10).get(0).spec().secrets()).containsEntry("token", NEEDLE);
  }

  @Test
  void theH2FilesHoldNoSecretInClear() throws IOException {
    try (JdbcStore store = JdbcStore.open(TestKeys.keyed(StoreSettings.h2File(dataDir)))) {
      storeBoth(store);
    }

    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    byte[] needle = NEEDLE.getBytes(StandardCharsets.UTF_8);
    for (Path file : files) {
      assertThat(indexOf(Files.readAllBytes(file), needle)).as("%s holds the secret in clear", file).isEqualTo(-1);
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
