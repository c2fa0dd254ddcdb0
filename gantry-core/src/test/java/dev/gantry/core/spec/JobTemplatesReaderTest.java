package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.spec.JobDocuments.Format;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tork's inputs, var, if and output, as the native reader takes them and refuses them. */
class JobTemplatesReaderTest {

  private static JobSpec yaml(String body) {
    return JobSpecReader.read(body, Format.YAML);
  }

  private static void rejected(String body, String message) {
    assertThatThrownBy(() -> yaml(body)).isInstanceOf(InvalidJobException.class).hasMessage(message);
  }

  @Test
  void readsInputsVarIfAndOutput() {
    JobSpec job = yaml("""
        name: templated
        inputs: {message: hello, count: 3}
        output: "{{ tasks.greeting }}"
        tasks:
          - name: greet
            var: greeting
            image: busybox:latest
            run: echo -n "$MESSAGE" > $TORK_OUTPUT
            env: {MESSAGE: "{{ upper(inputs.message) }}"}
          - name: "maybe {{ job.name }}"
            if: "{{ inputs.count == '3' }}"
            image: "{{ 'busybox' + ':latest' }}"
            cmd: [echo, "{{ tasks.greeting }}"]
        """);
    assertThat(job.inputs()).isEqualTo(Map.of("message", "hello", "count", "3"));
    assertThat(job.output()).isEqualTo("{{ tasks.greeting }}");
    assertThat(job.templated()).isTrue();
    assertThat(job.task(1).var()).isEqualTo("greeting");
    assertThat(job.task(2).condition()).isEqualTo("{{ inputs.count == '3' }}");
    assertThat(job.task(2).image()).isEqualTo("{{ 'busybox' + ':latest' }}");
  }

  @Test
  void aJobWithoutExpressionsIsNotTemplated() {
    JobSpec job = yaml("name: plain\ninputs: {a: b}\ntasks: [{name: t, image: busybox, var: x, run: 'echo {{ x }}'}]");
    assertThat(job.templated()).as("run is no template, and var alone evaluates nothing").isFalse();
    assertThat(yaml("name: j\ntasks: [{name: t, image: busybox, if: 'false'}]").templated()).isTrue();
  }

  @Test
  void anExpressionThatDoesNotParseIsRefusedNamingItsField() {
    rejected("name: j\ntasks: [{name: t, image: busybox}, {name: u, image: busybox, env: {GREETING: '{{ inputs.a + }}'}}]",
        "tasks[1].env.GREETING: unexpected end of expression at column 11 of {{ inputs.a + }}");
    rejected("name: j\ntasks: [{name: t, image: busybox, cmd: [echo, '{{ 1 +* 2 }}']}]",
        "tasks[0].cmd[1]: unexpected '*' at column 4 of {{ 1 +* 2 }}");
    rejected("name: j\ntasks: [{name: t, image: busybox, entrypoint: ['{{ sh']}]",
        "tasks[0].entrypoint[0]: '{{' without a closing '}}' at column 1 of {{ sh }}");
    rejected("name: j\ntasks: [{name: t, image: busybox, if: '{{ (true }}'}]",
        "tasks[0].if: expected ')', found end of expression at column 6 of {{ (true }}");
    rejected("name: j\noutput: '{{ \"open }}'\ntasks: [{name: t, image: busybox}]",
        "output: unterminated string at column 1 of {{ \"open }}");
    rejected("name: j\ntasks: [{name: '{{ ] }}', image: busybox}]", "tasks[0].name: unexpected ']' at column 1 of {{ ] }}");
    rejected("name: j\ntasks: [{name: t, image: '{{ [ }}'}]",
        "tasks[0].image: unexpected end of expression at column 2 of {{ [ }}");
    rejected("name: j\ntasks: [{name: t, image: busybox, queue: '{{ ) }}'}]", "tasks[0].queue: unexpected ')' at column 1 of {{ ) }}");
  }

  @Test
  void anUnknownNameIsRefusedAtSubmit() {
    rejected("name: j\ntasks: [{name: t, image: busybox, env: {A: '{{ secret.x }}'}}]",
        "tasks[0].env.A: unknown name secret in {{ secret.x }} (templates read inputs, tasks, job and secrets)");
  }

  @Test
  void refusesBadVarsAndInputs() {
    rejected("name: j\ntasks: [{name: t, image: busybox, var: 'my var'}]",
        "tasks[0].var: must be a letter or '_' and up to 63 more letters, digits or '_'");
    rejected("name: j\ninputs: [a]\ntasks: [{name: t, image: busybox}]", "inputs: must be a map of names to strings, not a list");
    rejected("name: j\ninputs: {a: {b: c}}\ntasks: [{name: t, image: busybox}]", "inputs.a: must be a string, not an object");
    rejected("name: j\ninputs: {a: \"x\\0\"}\ntasks: [{name: t, image: busybox}]", "inputs.a: must not contain a NUL character (U+0000)");
    StringBuilder many = new StringBuilder("name: j\ntasks: [{name: t, image: busybox}]\ninputs:\n");
    for (int i = 0; i < 300; i++) {
      many.append("  i").append(i).append(": x\n");
    }
    rejected(many.toString(), "inputs: at most 256 inputs are allowed, not 300");
  }

  @Test
  void aTemplatedImageOrQueueIsCheckedOnceEvaluated() {
    JobSpec job = yaml("name: j\ntasks: [{name: t, image: '{{ inputs.image }}', queue: '{{ inputs.q }}'}]");
    assertThat(job.task(1).queue()).isEqualTo("{{ inputs.q }}");
    TaskSpec resolved = JobTemplates.resolve(job.task(1), "tasks[0]",
        Map.of("inputs", Map.of("image", "bad image!", "q", "gpu"), "tasks", Map.of(), "job", Map.of()));
    assertThatThrownBy(() -> JobSpecValidator.resolvedTask("tasks[0]", resolved))
        .hasMessage("tasks[0].image: 'bad image!' is not a valid image reference");
  }

  @Test
  void aDialectThatIsNotTemplatedKeepsItsTextsAsWritten() {
    TaskSpec task = new TaskSpec("t", null, "busybox", "true", List.of(), List.of(), Map.of("A", "{{ x }}"), Map.of(),
        null, null, 0, null, null, null);
    JobSpec spec = JobSpecValidator.validate(new JobSpec("j", null, List.of(), Map.of(), List.of(task)));
    assertThat(spec.templated()).isFalse();
  }

  @Test
  void readsSecretsAndRefusesBadOnesWithoutTheirValues() {
    JobSpec job = yaml("name: j\nsecrets: {token: abc}\ntasks: [{name: t, image: busybox, env: {T: '{{ secrets.token }}'}}]");
    assertThat(job.secrets()).isEqualTo(Map.of("token", "abc"));
    rejected("name: j\nsecrets: {token: \"ab\\0c\"}\ntasks: [{name: t, image: busybox}]",
        "secrets.token: must not contain a NUL character (U+0000)");
    rejected("name: j\nsecrets: [abc]\ntasks: [{name: t, image: busybox}]", "secrets: must be a map of names to strings, not a list");
  }
}
