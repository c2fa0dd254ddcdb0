package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.auth.JobAccess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each {@code with*} of a job spec changes its own component and carries every other one. */
class JobSpecTest {

  private static final JobAccess ACCESS = new JobAccess(Set.of("user:reader"), Set.of("user:writer"));
  private static final List<Webhook> HOOKS = List.of(new Webhook("https://example.com/hook", Map.of(), Webhook.JOB_STATE_CHANGE, null));
  private static final JobSpec FULL = new JobSpec("job", "described", List.of("t"), Map.of("E", "1"),
      List.of(new TaskSpec("only", null, "busybox", "true", List.of(), List.of(), Map.of(), Map.of(), null, null, 0, null,
          null, null)),
      Duration.ofMinutes(5), 7, null, Map.of("in", "put"), null, false, Map.of("s", "v"), ACCESS, HOOKS,
      Duration.ofHours(1), "hades");

  @Test
  void everyWitherKeepsTheOtherComponents() {
    Map<String, UnaryOperator<JobSpec>> withers = Map.of(
        "withSecrets", s -> s.withSecrets(Map.of("other", "x")),
        "withAccess", s -> s.withAccess(JobAccess.PRIVATE),
        "withPriority", s -> s.withPriority(3),
        "withWebhooksAndAutoDelete", s -> s.withWebhooksAndAutoDelete(List.of(), null),
        "withDialect", s -> s.withDialect("daestro"),
        "withTasksAndSecrets", s -> s.withTasksAndSecrets(s.tasks(), Map.of("other", "x")));
    withers.forEach((name, wither) -> {
      JobSpec changed = wither.apply(FULL);
      assertThat(changed.name()).as(name).isEqualTo("job");
      assertThat(changed.tags()).as(name).containsExactly("t");
      assertThat(changed.tasks()).as(name).isEqualTo(FULL.tasks());
      assertThat(changed.inputs()).as(name).isEqualTo(Map.of("in", "put"));
      assertThat(changed.secrets()).as(name).isIn(Map.of("s", "v"), Map.of("other", "x"));
      assertThat(changed.access()).as(name).isIn(ACCESS, JobAccess.PRIVATE);
      assertThat(changed.priority()).as(name).isIn(7, 3);
      assertThat(changed.webhooks()).as(name).isIn(HOOKS, List.of());
      assertThat(changed.autoDeleteAfter()).as(name).isIn(Duration.ofHours(1), null);
      assertThat(changed.dialect()).as(name).isIn("hades", "daestro");
    });
    assertThat(FULL.withPriority(3)).isEqualTo(new JobSpec("job", "described", List.of("t"), Map.of("E", "1"), FULL.tasks(),
        Duration.ofMinutes(5), 3, null, Map.of("in", "put"), null, false, Map.of("s", "v"), ACCESS, HOOKS,
        Duration.ofHours(1), "hades"));
    assertThat(FULL.withDialect("daestro").access()).isEqualTo(ACCESS);
    assertThat(FULL.withAccess(JobAccess.PRIVATE).dialect()).isEqualTo("hades");
    assertThat(FULL.withSecrets(Map.of()).webhooks()).isEqualTo(HOOKS);
  }

  @Test
  void aJobWithoutADialectIsTheNativeApis() {
    assertThat(new JobSpec("job", null, List.of(), Map.of(), FULL.tasks()).dialect()).isEqualTo(JobSpec.NATIVE_DIALECT);
  }
}
