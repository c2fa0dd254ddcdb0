package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.auth.JobAccess;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each {@code with*} of a job spec changes its own components and carries every other one, the ones added last too. */
class JobSpecTest {

  private static final JobAccess ACCESS = new JobAccess(Set.of("user:reader"), Set.of("user:writer"));
  private static final List<Webhook> HOOKS = List.of(new Webhook("https://example.com/hook", Map.of(), Webhook.JOB_STATE_CHANGE, null));
  private static final List<EndTrigger> TRIGGERS =
      List.of(new EndTrigger("webhook", EndTrigger.Condition.ALWAYS, "https://example.com/ended", Map.of()));
  private static final TaskSpec TASK = task("only");
  /** Every component set to something other than what {@link #MINIMAL} has: none of them can hide behind a default. */
  private static final JobSpec FULL = new JobSpec("job", "described", List.of("t"), Map.of("E", "1"), List.of(TASK),
      Duration.ofMinutes(5), 7, "https://example.com/callback", Map.of("in", "put"), "{{ inputs.in }}", true,
      Map.of("s", "v"), ACCESS, HOOKS, Duration.ofHours(1), "hades", Map.of("manifest", "image: alpine"), TRIGGERS);
  private static final JobSpec MINIMAL = new JobSpec("minimal", null, List.of(), Map.of(), List.of(task("other")));

  /** Each wither, with the components it is meant to change (to values other than FULL's). */
  private static final Map<String, Changing> WITHERS = Map.of(
      "withTriggers", new Changing(s -> s.withTriggers(List.of()), "triggers"),
      "withWebhooksAndAutoDelete", new Changing(s -> s.withWebhooksAndAutoDelete(List.of(), null), "webhooks", "autoDeleteAfter"),
      "withDialect", new Changing(s -> s.withDialect("daestro"), "dialect"),
      "withSecrets", new Changing(s -> s.withSecrets(Map.of("other", "x")), "secrets"),
      "withTasksAndSecrets", new Changing(s -> s.withTasksAndSecrets(List.of(task("new")), Map.of("other", "x")), "tasks", "secrets"),
      "withAccess", new Changing(s -> s.withAccess(JobAccess.PRIVATE), "access"),
      "withPriority", new Changing(s -> s.withPriority(3), "priority"),
      "withTemplated", new Changing(s -> s.withTemplated(false), "templated"));

  private record Changing(UnaryOperator<JobSpec> wither, Set<String> components) {
    Changing(UnaryOperator<JobSpec> wither, String... components) {
      this(wither, Set.of(components));
    }
  }

  private static TaskSpec task(String name) {
    return new TaskSpec(name, null, "busybox", "true", List.of(), List.of(), Map.of(), Map.of(), null, null, 0, null, null, null);
  }

  private static Object component(JobSpec spec, RecordComponent component) {
    try {
      return component.getAccessor().invoke(spec);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(component.getName(), e);
    }
  }

  @Test
  void theFullSpecSetsEveryComponent() {
    for (RecordComponent component : JobSpec.class.getRecordComponents()) {
      assertThat(component(FULL, component)).as(component.getName() + " is set in FULL")
          .isNotEqualTo(component(MINIMAL, component));
    }
  }

  @Test
  void everyWitherChangesItsOwnComponentsAndKeepsEveryOther() {
    WITHERS.forEach((name, changing) -> {
      JobSpec changed = changing.wither().apply(FULL);
      for (RecordComponent component : JobSpec.class.getRecordComponents()) {
        String what = name + " on " + component.getName();
        if (changing.components().contains(component.getName())) {
          assertThat(component(changed, component)).as(what).isNotEqualTo(component(FULL, component));
        } else {
          assertThat(component(changed, component)).as(what).isEqualTo(component(FULL, component));
        }
      }
    });
  }

  @Test
  void everyWitherIsCoveredHere() {
    Set<String> declared = Arrays.stream(JobSpec.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getName().startsWith("with"))
        .map(Method::getName).collect(Collectors.toSet());
    assertThat(declared).isEqualTo(WITHERS.keySet());
  }

  @Test
  void aSpecMadeTemplatedKeepsItsAnnotationsAndTriggers() {
    JobSpec written = FULL.withTemplated(false);

    JobSpec templated = written.withTemplated(true);

    assertThat(templated.templated()).isTrue();
    assertThat(templated.annotations()).isEqualTo(Map.of("manifest", "image: alpine"));
    assertThat(templated.triggers()).isEqualTo(TRIGGERS);
    assertThat(templated).isEqualTo(FULL);
  }

  @Test
  void aJobWithoutADialectIsTheNativeApis() {
    assertThat(new JobSpec("job", null, List.of(), Map.of(), FULL.tasks()).dialect()).isEqualTo(JobSpec.NATIVE_DIALECT);
  }
}
