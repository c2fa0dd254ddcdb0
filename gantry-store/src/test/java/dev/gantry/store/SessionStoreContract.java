package dev.gantry.store;

import static dev.gantry.store.TestJobs.T0;
import static dev.gantry.store.TestJobs.aJob;
import static dev.gantry.store.TestJobs.aRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.Artifact;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobGroup;
import dev.gantry.core.job.JobNumber;
import dev.gantry.core.job.StepRun;
import dev.gantry.core.job.StepState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.job.UserSecret;
import dev.gantry.core.spec.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every store keeps of session runs (steps, artifacts) and job numbers. */
abstract class SessionStoreContract extends EmptyDatabaseContract {

  private Job stored(String owner) {
    return stored(owner, aJob().build().spec());
  }

  private Job stored(String owner, JobSpec spec) {
    Job job = Job.queued(TestJobs.newId(), owner, spec, T0);
    store.inTransaction(tx -> {
      tx.insertJob(job);
      return null;
    });
    return job;
  }

  private TaskRun storedRun(Job job) {
    TaskRun run = aRun(job).build();
    store.inTransaction(tx -> {
      tx.insertRun(run);
      return null;
    });
    return run;
  }

  @Test
  void stepsAreKeptPerRunInOrderWithTheirStates() {
    Job job = stored("alice");
    TaskRun run = storedRun(job);
    TaskRun other = storedRun(job);
    store.insertSteps(List.of(StepRun.pending(run.id(), 0, "setup"), StepRun.pending(run.id(), 1, "build"),
        StepRun.pending(run.id(), 2, "test")));
    store.insertSteps(List.of(StepRun.pending(other.id(), 0, "setup")));

    StepRun running = StepRun.pending(run.id(), 0, "setup").running(T0);
    store.updateStep(running.ended(StepState.SUCCEEDED, 0, T0.plusSeconds(1)));
    store.updateStep(StepRun.pending(run.id(), 1, "build").running(T0.plusSeconds(1)).ended(StepState.FAILED, 2, T0.plusSeconds(3)));

    assertThat(store.stepsOf(run.id())).containsExactly(
        new StepRun(run.id(), 0, "setup", StepState.SUCCEEDED, 0, T0, T0.plusSeconds(1)),
        new StepRun(run.id(), 1, "build", StepState.FAILED, 2, T0.plusSeconds(1), T0.plusSeconds(3)),
        StepRun.pending(run.id(), 2, "test"));
    assertThat(store.stepsOf(other.id())).extracting(StepRun::name).containsExactly("setup");
    assertThat(store.stepsOf("no-such-run")).isEmpty();
  }

  @Test
  void artifactsKeepTheirBytesExactly() {
    Job job = stored("alice");
    byte[] bytes = new byte[300_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }

    Artifact first = store.insertArtifact(job.id(), "run1", "/root/out/a.bin", "a.bin", bytes, T0);
    Artifact empty = store.insertArtifact(job.id(), "run1", "/root/empty", "empty", new byte[0], T0);

    assertThat(store.artifactsOf(job.id())).containsExactly(first, empty);
    assertThat(first.size()).isEqualTo(300_000);
    assertThat(store.artifactContent(first.id())).hasValue(bytes);
    assertThat(store.artifactContent(empty.id()).orElseThrow()).isEmpty();
    assertThat(store.artifactContent(first.id() + 1000)).isEmpty();
    assertThat(store.artifactsOf(stored("bob").id())).isEmpty();
  }

  @Test
  void everyJobGetsAGrowingNumberAndOwnersListTheirsNewestFirst() {
    JobSpec build = aJob().name("sourcehut busybox").dialect("sourcehut").build().spec();
    Job a = stored("alice", build);
    Job b = stored("bob", build);
    Job lookAlike = stored("alice", aJob().name("sourcehut look-alike").build().spec()); // its name does not make it a build
    Job c = stored("alice", build);
    long na = store.jobNumber(a.id()).orElseThrow();
    long nc = store.jobNumber(c.id()).orElseThrow();

    assertThat(store.jobNumber(b.id()).orElseThrow()).isGreaterThan(na).isLessThan(nc);
    assertThat(store.jobWithNumber(nc)).hasValue(c.id());
    assertThat(store.jobWithNumber(nc + 100)).isEmpty();
    assertThat(store.numberedJobsOf("alice", "sourcehut", Long.MAX_VALUE, 50)).containsExactly(
        new JobNumber(nc, c.id()), new JobNumber(na, a.id()));
    assertThat(store.numberedJobsOf("alice", "sourcehut", nc - 1, 50)).containsExactly(new JobNumber(na, a.id()));
    assertThat(store.numberedJobsOf("alice", "sourcehut", Long.MAX_VALUE, 1)).containsExactly(new JobNumber(nc, c.id()));
    assertThat(store.numberedJobsOf("alice", "tork", Long.MAX_VALUE, 50)).extracting(JobNumber::jobId)
        .as("another dialect's").containsExactly(lookAlike.id());
    assertThat(store.jobCountOf("alice", "sourcehut")).isEqualTo(2);
    assertThat(store.jobCountOf("alice", "hades")).isZero();
    assertThat(store.jobCountOf("carol", "sourcehut")).isZero();
  }

  @Test
  void usersSecretsAreKeptPerOwnerWithTheirFileAndMode() {
    UserSecret file = new UserSecret("0b7c2f9e-1111-4d3c-9a55-000000000001", "alice", "conf", "plaintext_file", "v1\nv2",
        "~/x", 0640, T0);
    UserSecret key = new UserSecret("0b7c2f9e-1111-4d3c-9a55-000000000002", "alice", null, "ssh_key", "k", null, null,
        T0.plusSeconds(1));
    store.insertUserSecret(file);
    store.insertUserSecret(key);
    store.insertUserSecret(new UserSecret("0b7c2f9e-1111-4d3c-9a55-000000000003", "bob", "b", "pgp_key", "p", null, null, T0));

    assertThat(store.userSecretsOf("alice")).containsExactly(file, key);
    assertThat(store.userSecretsOf("carol")).isEmpty();
  }

  @Test
  void jobGroupsKeepTheirJobsInOrder() {
    JobGroup first = store.insertGroup(new JobGroup(0, "alice", "both", List.of(7L, 3L), T0));
    JobGroup second = store.insertGroup(new JobGroup(0, "bob", null, List.of(1L), T0));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(store.findGroup(first.id())).hasValue(new JobGroup(first.id(), "alice", "both", List.of(7L, 3L), T0));
    assertThat(store.findGroup(second.id() + 10)).isEmpty();
  }
}
