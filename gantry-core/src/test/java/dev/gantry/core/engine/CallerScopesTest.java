package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.auth.AccessDeniedException;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.testing.InMemoryStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scopes JobService and ClusterService check on every call a dialect makes for a caller. */
class CallerScopesTest {

  private final InMemoryStore store = new InMemoryStore();
  private final JobService jobs = new JobService(store, new LocalSignals(), Clock.systemUTC());
  private final ClusterService cluster = new ClusterService(store, jobs);
  private final Principal reader = new Principal("reader", Set.of(Scope.JOBS_READ));
  private final Principal writer = new Principal("writer", Set.of(Scope.JOBS_WRITE));
  private final Principal both = new Principal("both", Set.of(Scope.JOBS_READ, Scope.JOBS_WRITE));

  private static JobSpec aJob() {
    return new JobSpec("j", null, List.of(), Map.of(), List.of(new TaskSpec("t", null, "busybox:latest", "true", List.of(),
        List.of(), Map.of(), Map.of(), null, null, 0, null, null, null)));
  }

  @Test
  void aReaderReadsButChangesNothing() {
    // A public job: what is checked here is the scopes, not the access list.
    Job job = jobs.submit(aJob().withAccess(new dev.gantry.core.auth.JobAccess(Set.of("*"), Set.of())));

    assertThat(jobs.job(reader, job.id()).id()).isEqualTo(job.id());
    assertThat(jobs.runs(reader, job.id())).hasSize(1);
    assertThat(jobs.list(reader, JobQuery.parse(null, 1, 10)).totalItems()).isEqualTo(1);
    assertThat(jobs.jobLog(reader, job.id(), 1, 10).items()).isEmpty();
    assertThat(cluster.queues(reader)).isNotEmpty();
    assertThatThrownBy(() -> jobs.submit(reader, aJob())).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("jobs:write");
    assertThatThrownBy(() -> jobs.submit(reader, Ids.newId(), aJob())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> jobs.cancel(reader, job.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> jobs.restart(reader, job.id())).isInstanceOf(AccessDeniedException.class);
    assertThat(store.listJobs(JobQuery.parse(null, 1, 10)).totalItems()).isEqualTo(1);
  }

  @Test
  void aWriterWithoutReadChangesButDoesNotLook() {
    Job job = jobs.submit(writer, aJob());
    jobs.cancel(writer, job.id());
    assertThat(store.findJob(job.id()).orElseThrow().owner()).isEqualTo("writer");

    assertThatThrownBy(() -> jobs.job(writer, job.id())).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> jobs.list(writer, JobQuery.parse(null, 1, 10))).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> jobs.follow(writer, job.id(), 0)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> cluster.nodes(writer)).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void onlyAnAdminEmptiesAQueue() {
    jobs.submit(aJob());

    assertThatThrownBy(() -> cluster.purge(both, "default")).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("admin");
    assertThat(cluster.purge(new Principal("root", Set.of(Scope.ADMIN)), "default")).isEqualTo(1);
  }
}
