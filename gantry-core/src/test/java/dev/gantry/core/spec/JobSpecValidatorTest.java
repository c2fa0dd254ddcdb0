package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What one job may hold, and text that no container or database could take (NUL). */
class JobSpecValidatorTest {

  private static TaskSpec task(Map<String, String> env, Map<String, String> files, String run, List<String> cmd) {
    return new TaskSpec("t", null, "busybox:latest", run, cmd, List.of(), env, files, null, null, 0, null, null, null);
  }

  private static TaskSpec task() {
    return task(Map.of(), Map.of(), "true", List.of());
  }

  private static JobSpec job(List<String> tags, Map<String, String> env, List<TaskSpec> tasks) {
    return new JobSpec("j", null, tags, env, tasks);
  }

  private static void rejected(JobSpec spec, String message) {
    assertThatThrownBy(() -> JobSpecValidator.validate(spec)).isInstanceOf(InvalidJobException.class).hasMessage(message);
  }

  private static List<String> numbered(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  private static Map<String, String> env(int n) {
    return numbered("V", n).stream().collect(Collectors.toMap(Function.identity(), name -> "x"));
  }

  @Test
  void aJobAtEveryLimitIsValid() {
    Map<String, String> files = new HashMap<>();
    numbered("f", JobSpecValidator.MAX_FILES).forEach(name -> files.put(name, "x"));
    TaskSpec full = task(env(JobSpecValidator.MAX_ENV), files, "true", List.of());
    JobSpec spec = new JobSpec("n".repeat(JobSpecValidator.MAX_NAME), "d".repeat(JobSpecValidator.MAX_DESCRIPTION),
        numbered("t".repeat(JobSpecValidator.MAX_TAG_LENGTH - 2), JobSpecValidator.MAX_TAGS), // "ttt...t63": 64 characters
        env(JobSpecValidator.MAX_ENV), Collections.nCopies(JobSpecValidator.MAX_TASKS, full));
    assertThat(JobSpecValidator.validate(spec)).isSameAs(spec);
  }

  @Test
  void eachLimitOnWhatAJobHoldsIsA400NamingTheLimit() {
    rejected(job(numbered("t", 50_000), Map.of(), List.of(task())), "tags: at most 64 tags are allowed, not 50000");
    rejected(job(List.of("t".repeat(65)), Map.of(), List.of(task())),
        "tags[0]: must be 1 to 64 characters without spaces, commas or NUL");
    rejected(job(List.of(), env(257), List.of(task())), "env: at most 256 environment variables are allowed, not 257");
    rejected(job(List.of(), Map.of(), List.of(task(env(300), Map.of(), "true", List.of()))),
        "tasks[0].env: at most 256 environment variables are allowed, not 300");
    Map<String, String> files = new HashMap<>();
    numbered("f", 65).forEach(name -> files.put(name, "x"));
    rejected(job(List.of(), Map.of(), List.of(task(Map.of(), files, "true", List.of()))),
        "tasks[0].files: at most 64 files are allowed, not 65");
    rejected(job(List.of(), Map.of(), Collections.nCopies(257, task())), "tasks: at most 256 tasks are allowed, not 257");
    rejected(new JobSpec("n".repeat(257), null, List.of(), Map.of(), List.of(task())), "name: is longer than 256 characters");
    rejected(new JobSpec("j", "d".repeat(4097), List.of(), Map.of(), List.of(task())), "description: is longer than 4096 characters");
    rejected(job(List.of(), Map.of("V".repeat(257), "x"), List.of(task())),
        "env." + "V".repeat(32) + "...: is longer than 256 characters");
  }

  @Test
  void aNulCharacterIsRefusedAtSubmitWhereverItWouldReachAContainerOrTheDatabase() {
    rejected(job(List.of(), Map.of("A", "x\0y"), List.of(task())), "env.A: must not contain a NUL character (U+0000)");
    rejected(job(List.of(), Map.of(), List.of(task(Map.of("B", "\0"), Map.of(), "true", List.of()))),
        "tasks[0].env.B: must not contain a NUL character (U+0000)");
    rejected(job(List.of(), Map.of(), List.of(task(Map.of(), Map.of(), "echo \0", List.of()))),
        "tasks[0].run: must not contain a NUL character (U+0000)");
    rejected(job(List.of(), Map.of(), List.of(task(Map.of(), Map.of(), null, List.of("echo", "a\0")))),
        "tasks[0].cmd[1]: must not contain a NUL character (U+0000)");
    rejected(job(List.of(), Map.of(), List.of(task(Map.of(), Map.of("f", "\0"), "true", List.of()))),
        "tasks[0].files.f: must not contain a NUL character (U+0000)");
    rejected(new JobSpec("a\0b", null, List.of(), Map.of(), List.of(task())), "name: must not contain a NUL character (U+0000)");
    rejected(job(List.of("a\0"), Map.of(), List.of(task())), "tags[0]: must be 1 to 64 characters without spaces, commas or NUL");
  }

  @Test
  void aNetworkIsANameOrAnotherContainers() {
    JobSpec joining = job(List.of(), Map.of(), List.of(new TaskSpec("t", null, "busybox:latest", "true", List.of(), List.of(),
        Map.of(), Map.of(), null, null, 0, null, "container:db", null)));
    assertThat(JobSpecValidator.validate(joining)).isSameAs(joining); // well formed; HostAccessPolicy decides
    rejected(job(List.of(), Map.of(), List.of(new TaskSpec("t", null, "busybox:latest", "true", List.of(), List.of(),
        Map.of(), Map.of(), null, null, 0, null, "container:", null))), "tasks[0].network: 'container:' is not a valid network name");
  }
}
