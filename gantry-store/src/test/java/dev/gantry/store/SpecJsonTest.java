package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.auth.JobAccess;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecJsonTest {

  @Test
  void attachmentsRoundTripAndTheRegistryPasswordIsNotInTheSpecsJson() {
    JobSpec spec = dev.gantry.core.spec.JobSpecReader.read("""
        name: j
        tasks:
          - name: t
            image: 127.0.0.1:5055/private:1
            registry: {username: me, password: pw-not-in-json}
            mounts: [{type: volume, target: /data}, {type: bind, source: /srv, target: /srv, readonly: true}]
            volumes: [/cache]
            networks: [backend]
            gpus: count=1
            sidecars: [{name: db, image: busybox, run: sleep 60, env: {A: b}}]
        """, dev.gantry.core.spec.JobDocuments.Format.YAML);

    // As JobRows stores it: the secrets in their own column.
    String json = SpecJson.write(spec.withSecrets(Map.of()));
    String task = SpecJson.writeTask(spec.task(1));

    assertThat(json).doesNotContain("pw-not-in-json");
    assertThat(task).doesNotContain("pw-not-in-json");
    assertThat(SpecJson.read(json).withSecrets(spec.secrets())).isEqualTo(spec);
    assertThat(SpecJson.readTask(task)).isEqualTo(spec.task(1));
  }

  @Test
  void writesDurationsAsIsoTextAndReadsTheSpecBack() {
    JobSpec spec = new JobSpec("job", "d", List.of("t"), Map.of("A", "1"), List.of(TestJobs.fullTask()),
        Duration.ofSeconds(90), 3, "https://ci.example/callback");

    String json = SpecJson.write(spec);

    assertThat(json).contains("\"timeout\":\"PT1H30M0.25S\"", "\"timeout\":\"PT1M30S\"");
    assertThat(SpecJson.read(json)).isEqualTo(spec);
  }

  @Test
  void aTemplatedSpecReadBackKeepsItsAnnotationsAndTriggers() {
    JobSpec spec = new JobSpec("job", null, List.of(), Map.of(), List.of(TestJobs.fullTask()), null, null, null,
        Map.of(), null, false, Map.of(), JobAccess.PRIVATE, List.of(), null, "sourcehut", Map.of("manifest", "image: alpine"),
        List.of(new EndTrigger("email", EndTrigger.Condition.FAILURE, "mailto:ops@example.com", Map.of("Cc", "dev@example.com"))))
        .withTemplated(true);

    JobSpec read = SpecJson.read(SpecJson.write(spec));

    assertThat(read).isEqualTo(spec);
    assertThat(read.annotations()).containsEntry("manifest", "image: alpine");
    assertThat(read.triggers()).singleElement().extracting(EndTrigger::target).isEqualTo("mailto:ops@example.com");
  }

  @Test
  void readsSpecsWrittenByOtherVersions() {
    // An older row without some lists and maps, and a newer one with a field this version lacks.
    String json = """
        {"name":"job","tags":["t"],"since":"a later version","tasks":[{"name":"a","image":"busybox","retryLimit":0}]}""";

    JobSpec spec = SpecJson.read(json);

    assertThat(spec.env()).isEmpty();
    TaskSpec task = spec.task(1);
    assertThat(List.of(task.cmd(), task.entrypoint())).allSatisfy(list -> assertThat(list).isEmpty());
    assertThat(task.files()).isEmpty();
    assertThat(task.queue()).isEqualTo(TaskSpec.DEFAULT_QUEUE);
    // Rows from before templates: no inputs, no output, nothing to evaluate.
    assertThat(spec.inputs()).isEmpty();
    assertThat(spec.output()).isNull();
    assertThat(spec.templated()).isFalse();
    assertThat(List.of(String.valueOf(task.var()), String.valueOf(task.condition()))).containsOnly("null");
  }

  @Test
  void readsARunsEvaluatedTaskBack() {
    TaskSpec task = TestJobs.fullTask();
    assertThat(SpecJson.readTask(SpecJson.writeTask(task))).isEqualTo(task);
  }
}
