package dev.gantry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.job.Job;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobAccessTest {

  private static Job job(String owner, JobAccess access) {
    JobSpec spec = new JobSpec("j", null, List.of(), Map.of(), List.of(new TaskSpec("t", null, "busybox:latest", "true",
        List.of(), List.of(), Map.of(), Map.of(), null, null, 0, null, null, null))).withAccess(access);
    return Job.queued("j1", owner, spec, Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static Viewer viewer(String user, String... roles) {
    return Viewer.of(new Principal(user, Set.of(Scope.JOBS_READ)), Set.of(roles));
  }

  @Test
  void theOwnerReadersWritersRolesAndAdminsEachGetWhatTheListSays() {
    Job job = job("alice", new JobAccess(Set.of("*", "user:carol"), Set.of("user:bob", "role:ops")));

    assertThat(viewer("alice").canChange(job)).isTrue();
    assertThat(viewer("bob").canChange(job)).isTrue();
    assertThat(viewer("dave", "ops").canChange(job)).isTrue();
    assertThat(viewer("carol").canRead(job)).isTrue();
    assertThat(viewer("carol").canChange(job)).isFalse();
    assertThat(viewer("eve").canRead(job)).as("* reads").isTrue();
    assertThat(viewer("eve").canChange(job)).isFalse();
    assertThat(Viewer.of(Principal.SYSTEM, Set.of()).canChange(job)).isTrue();

    Job mine = job("alice", JobAccess.PRIVATE);
    assertThat(viewer("eve").canRead(mine)).isFalse();
    assertThat(viewer("alice").canRead(mine)).isTrue();
    assertThat(viewer("alice").canRead(job(null, JobAccess.PRIVATE))).as("a job of the process: admins only").isFalse();
  }

  @Test
  void aSubJobInheritsItsParentsListAndOwner() {
    JobAccess parent = new JobAccess(Set.of("role:devs"), Set.of("user:bob"));
    Job child = job("ci", parent.inheritedFrom("alice"));

    assertThat(viewer("alice").canChange(child)).isTrue();
    assertThat(viewer("bob").canChange(child)).isTrue();
    assertThat(viewer("dave", "devs").canRead(child)).isTrue();
    assertThat(viewer("eve").canRead(child)).isFalse();
    assertThat(parent.inheritedFrom(null)).isEqualTo(parent);
  }

  @Test
  void everyGranteeIsWellFormedAndEveryoneOnlyReads() {
    assertThatThrownBy(() -> new JobAccess(Set.of(), Set.of("*"))).hasMessageContaining("never change");
    assertThatThrownBy(() -> new JobAccess(Set.of("alice"), Set.of())).hasMessageContaining("not a grantee");
    assertThatThrownBy(() -> new JobAccess(Set.of("user:a b"), Set.of())).hasMessageContaining("not a grantee");
    assertThat(new JobAccess(Set.of("role:devs"), Set.of()).namesRoles()).isTrue();
    assertThat(new JobAccess(Set.of("*"), Set.of("user:bob")).namesRoles()).isFalse();
  }
}
