package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.spec.JobDocuments.Format;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobSpecReaderTest {

  private static JobSpec yaml(String body) {
    return JobSpecReader.read(body, Format.YAML);
  }

  private static void rejected(String body, String message) {
    assertThatThrownBy(() -> yaml(body)).isInstanceOf(InvalidJobException.class).hasMessage(message);
  }

  private static String gpuError(String gpus) {
    try {
      GpuRequest.parse(gpus);
      throw new AssertionError(gpus + " parses");
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static void rejectedStartingWith(String body, String message) {
    assertThatThrownBy(() -> yaml(body)).isInstanceOf(InvalidJobException.class).hasMessageStartingWith(message);
  }

  @Test
  void aTemplatedJobKeepsEveryFieldReadBesideItsTemplates() {
    String body = """
        name: templated
        description: uses templates
        tags: [ci]
        env: {GREETING: hi}
        defaults: {priority: 5}
        inputs: {who: world}
        secrets: {token: s3cret}
        permissions:
          - {user: bob, access: write}
        webhooks:
          - url: https://hooks.example.com/ci
        autoDelete: {after: 1h}
        tasks:
          - name: greet
            image: busybox:latest
            env: {WHO: "%s"}
            run: echo hello $WHO
        """;
    JobSpec plain = yaml(body.formatted("world"));
    JobSpec templated = yaml(body.formatted("{{ inputs.who }}"));

    assertThat(plain.templated()).isFalse();
    assertThat(templated.templated()).isTrue();
    assertThat(templated).usingRecursiveComparison().ignoringFields("templated", "tasks").isEqualTo(plain);
    assertThat(templated.webhooks()).extracting(Webhook::url).containsExactly("https://hooks.example.com/ci");
    assertThat(templated.autoDeleteAfter()).isEqualTo(Duration.ofHours(1));
    assertThat(templated.access().writers()).containsExactly("user:bob");
    assertThat(templated.priority()).isEqualTo(5);
  }

  @Test
  void readsTheHelloWorldJob() {
    JobSpec job = yaml("""
        name: hello
        tasks:
          - name: say hello
            image: busybox:latest
            run: echo -n hello world > $TORK_OUTPUT
        """);
    assertThat(job.name()).isEqualTo("hello");
    assertThat(job.tasks()).singleElement().satisfies(task -> {
      assertThat(task.image()).isEqualTo("busybox:latest");
      assertThat(task.run()).isEqualTo("echo -n hello world > $TORK_OUTPUT");
      assertThat(task.queue()).isEqualTo("default");
      assertThat(task.retryLimit()).isZero();
      assertThat(task.limits()).isEqualTo(Limits.NONE);
    });
  }

  @Test
  void readsEveryTaskFieldAndAppliesDefaults() {
    JobSpec job = yaml("""
        name: full
        description: all the fields
        tags: [nightly, build]
        env: {GREETING: hi, COUNT: 3}
        defaults:
          timeout: 45m
          retry: {limit: 2}
          limits: {cpus: .5, memory: 10m}
          queue: fast
        tasks:
          - name: one
            image: busybox:latest
            run: echo one
            env: {X: "1"}
            files: {script.sh: "echo hi", conf/app.yml: "a: b"}
            workdir: /work
          - name: two
            description: the second
            image: busybox:latest
            cmd: [echo, two]
            entrypoint: [/bin/sh, -c]
            timeout: 1h30m
            retry: {limit: 5}
            limits: {cpus: 2, memory: 1g}
            queue: slow
            network: none
        """);
    assertThat(job.tags()).containsExactly("nightly", "build");
    assertThat(job.env()).containsEntry("COUNT", "3");
    TaskSpec one = job.task(1);
    assertThat(one.timeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(one.retryLimit()).isEqualTo(2);
    assertThat(one.limits()).isEqualTo(new Limits(0.5, 10L << 20, null, null));
    assertThat(one.queue()).isEqualTo("fast");
    assertThat(one.files()).containsKeys("script.sh", "conf/app.yml");
    assertThat(one.workdir()).isEqualTo("/work");
    TaskSpec two = job.task(2);
    assertThat(two.cmd()).containsExactly("echo", "two");
    assertThat(two.entrypoint()).containsExactly("/bin/sh", "-c");
    assertThat(two.timeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(two.retryLimit()).isEqualTo(5);
    assertThat(two.limits()).isEqualTo(new Limits(2.0, 1L << 30, null, null));
    assertThat(two.queue()).isEqualTo("slow");
    assertThat(two.network()).isEqualTo("none");
  }

  @Test
  void readsJson() {
    JobSpec job = JobSpecReader.read("{\"name\":\"j\",\"tasks\":[{\"name\":\"t\",\"image\":\"busybox\",\"run\":\"true\"}]}", Format.JSON);
    assertThat(job.task(1).run()).isEqualTo("true");
  }

  @Test
  void namesTheUnknownFieldByItsPath() {
    rejected("""
        name: typo
        tasks:
          - name: a
            image: busybox
          - name: b
            imgae: busybox
        """, "tasks[1].imgae: unknown field");
  }

  @Test
  void keepsATasksOwnPriorityAndTagsAndRefusesItsOwnProbeWithTheReason() {
    JobSpec spec = yaml("""
        name: j
        tasks:
          - {name: t, image: busybox, priority: 7, tags: [fast, "x:y"]}
          - {name: p, priority: 2, parallel: {tasks: [{name: a, image: busybox}]}}
          - {name: u, image: busybox}
        """);
    assertThat(spec.tasks().get(0).priority()).isEqualTo(7);
    assertThat(spec.tasks().get(0).tags()).containsExactly("fast", "x:y");
    assertThat(spec.tasks().get(1).priority()).isEqualTo(2);
    assertThat(spec.tasks().get(2).priority()).isNull();
    assertThat(spec.tasks().get(2).tags()).isEmpty();
    rejected("name: j\ntasks: [{name: t, image: busybox, priority: 10}]",
        "tasks[0].priority: must be between 0 and 9 (the higher runs first), not 10");
    rejected("name: j\ntasks: [{name: t, image: busybox, priority: -1}]", "tasks[0].priority: must be between 0 and 9 (the higher runs first), not -1");
    rejected("name: j\ntasks: [{name: t, image: busybox, priority: soon}]", "tasks[0].priority: must be a whole number");
    rejected("name: j\ntasks: [{name: t, image: busybox, tags: ['a b']}]", "tasks[0].tags[0]: must be 1 to 64 characters without spaces, commas or NUL");
    rejectedStartingWith("name: j\ntasks: [{name: t, image: busybox, tags: a}]", "tasks[0].tags: ");
    rejectedStartingWith("name: j\ntasks: [{name: t, image: busybox, probe: {port: 8080}}]",
        "tasks[0].probe: a task's own probe checks the ports it publishes, which Gantry does not publish");
    rejected("name: j\ntasks: [{name: t, image: busybox, pre: [{name: p, image: busybox, priority: 1}]}]",
        "tasks[0].pre[0].priority: unknown field");
  }

  @Test
  void preAndPostTasksAndCompositesHaveNoAttachmentsOfTheirOwn() {
    rejected("name: j\ntasks: [{name: t, image: busybox, pre: [{name: p, image: busybox, mounts: [{type: tmpfs, target: /t}]}]}]",
        "tasks[0].pre[0].mounts: a pre or post task runs with its task's mounts, networks and sidecars and has none of"
            + " its own: set it on the task");
    rejected("name: j\ntasks: [{name: t, image: busybox, post: [{name: p, image: busybox, networks: [n]}]}]",
        "tasks[0].post[0].networks: a pre or post task runs with its task's mounts, networks and sidecars and has none"
            + " of its own: set it on the task");
    rejected("name: j\ntasks: [{name: t, image: busybox, post: [{name: p, image: busybox, sidecars: [{name: s, image: b}]}]}]",
        "tasks[0].post[0].sidecars: a pre or post task runs with its task's mounts, networks and sidecars and has none"
            + " of its own: set it on the task");
    rejected("name: j\ntasks: [{name: t, image: busybox, pre: [{name: p, image: busybox, registry: {username: u}}]}]",
        "tasks[0].pre[0].registry.password: is required");
    rejected("name: j\ntasks: [{name: t, image: busybox, pre: [{name: p, image: busybox, gpus: 'count=x'}]}]",
        "tasks[0].pre[0].gpus: " + gpuError("count=x"));
    rejected("name: j\ntasks: [{name: t, image: busybox, sidecars: [{name: s, image: b, registry: {password: p}}]}]",
        "tasks[0].sidecars[0].registry.username: is required");
    rejected("name: j\ntasks: [{name: t, parallel: {tasks: [{name: a, image: busybox}]}, mounts: [{type: tmpfs, target: /t}]}]",
        "tasks[0].mounts: a parallel, each or subjob runs no container of its own: set it on its tasks");
    rejected("name: j\ntasks: [{name: t, subjob: {name: s, secrets: {gantry.registry.tasks.0: x}, tasks: [{name: a, image: busybox}]}}]",
        "tasks[0].subjob.secrets: names starting with gantry.registry.tasks. are Gantry's own");
  }

  @Test
  void sealsTheRegistryPasswordsOfTasksAtAnyDepth() {
    JobSpec spec = JobSpecReader.read("""
        name: j
        tasks:
          - name: fan
            parallel:
              tasks:
                - {name: a, image: busybox, registry: {username: u, password: secret-a1}}
          - name: every
            each: {list: "{{ sequence(1, 3) }}", task: {name: b, image: busybox, registry: {username: u, password: secret-b2}}}
          - name: sub
            subjob:
              name: s
              tasks:
                - {name: c, image: busybox, registry: {username: u, password: secret-c3}}
        """, Format.YAML);
    JobSpec around = JobSpecReader.read("""
        name: j
        tasks:
          - name: t
            image: busybox
            pre: [{name: p, image: private/a, registry: {username: u, password: secret-pre}, gpus: all}]
            post: [{name: q, image: private/b, registry: {username: u, password: secret-post}}]
            sidecars: [{name: s, image: private/c, registry: {username: u, password: secret-side}}]
        """, Format.YAML);
    assertThat(around.secrets()).containsEntry(Secrets.REGISTRY_PREFIX + "0.pre.0", "secret-pre")
        .containsEntry(Secrets.REGISTRY_PREFIX + "0.post.0", "secret-post")
        .containsEntry(Secrets.REGISTRY_PREFIX + "0.sidecars.0", "secret-side");
    assertThat(around.withSecrets(java.util.Map.of()).toString()).doesNotContain("secret-pre", "secret-post", "secret-side");
    assertThat(around.tasks().get(0).pre().get(0).attachments().gpus()).isEqualTo("all");
    TaskSpec revealed = Secrets.reveal(around.tasks().get(0), around.secrets());
    assertThat(revealed.pre().get(0).attachments().registry().password()).isEqualTo("secret-pre");
    assertThat(revealed.post().get(0).attachments().registry().password()).isEqualTo("secret-post");
    assertThat(revealed.attachments().sidecars().get(0).registry().password()).isEqualTo("secret-side");
    assertThat(spec.secrets()).containsEntry(Secrets.REGISTRY_PREFIX + "0.parallel.0", "secret-a1")
        .containsEntry(Secrets.REGISTRY_PREFIX + "1.each", "secret-b2")
        .containsEntry(Secrets.REGISTRY_PREFIX + "2.subjob.0", "secret-c3");
    assertThat(spec.withSecrets(java.util.Map.of()).toString()).doesNotContain("secret-a1", "secret-b2", "secret-c3");
  }

  @Test
  void namesEachInvalidField() {
    rejected("tasks: [{name: t, image: busybox}]", "name: is required");
    rejected("name: j", "tasks: a job needs at least one task");
    rejected("name: j\ntasks: []", "tasks: a job needs at least one task");
    rejected("name: j\ntasks: [{name: t}]", "tasks[0].image: is required");
    rejected("name: j\ntasks: [{image: busybox}]", "tasks[0].name: is required");
    rejected("name: j\ntasks: [{name: t, image: busybox, timeout: soon}]",
        "tasks[0].timeout: invalid duration 'soon': use a number with a unit ms, s, m or h (e.g. 300ms, 45m, 1h30m)");
    rejected("name: j\ntasks: [{name: t, image: busybox, limits: {memory: lots}}]",
        "tasks[0].limits.memory: invalid size 'lots': use a number with an optional unit b, k, m, g or t (e.g. 512m, 2g)");
    rejected("name: j\ntasks: [{name: t, image: busybox, limits: {memory: 1m}}]", "tasks[0].limits.memory: must be at least 6m");
    rejected("name: j\ntasks: [{name: t, image: busybox, limits: {cpus: -1}}]", "tasks[0].limits.cpus: must be more than 0 and at most 1024");
    rejected("name: j\ntasks: [{name: t, image: busybox, retry: {limit: 11}}]", "tasks[0].retry.limit: must be between 0 and 10");
    rejected("name: j\ntasks: [{name: t, image: busybox, env: {1BAD: x}}]", "tasks[0].env.1BAD: is not a valid environment variable name");
    rejected("name: j\ntasks: [{name: t, image: busybox, files: {../../etc/passwd: x}}]",
        "tasks[0].files.../../etc/passwd: must be a relative path inside the working directory");
    rejected("name: j\ntasks: [{name: t, image: busybox, files: {/etc/passwd: x}}]",
        "tasks[0].files./etc/passwd: must be a relative path inside the working directory");
    rejected("name: j\ntasks: [{name: t, image: busybox, workdir: relative}]", "tasks[0].workdir: must be an absolute path");
    rejected("name: j\ntasks: [{name: t, image: 'bad image'}]", "tasks[0].image: 'bad image' is not a valid image reference");
    rejected("name: j\ntasks: {name: t}", "tasks: must be a list, not an object");
    rejected("name: [a]\ntasks: [{name: t, image: busybox}]", "name: must be a string, not a list");
    rejected("- a\n- b", "the document must be an object, not a list");
  }

  @Test
  void rejectsMalformedDocumentsSayingWhere() {
    assertThatThrownBy(() -> yaml("name: [unclosed")).isInstanceOf(InvalidJobException.class).hasMessageStartingWith("malformed YAML");
    assertThatThrownBy(() -> JobSpecReader.read("{\"name\": ", Format.JSON))
        .isInstanceOf(InvalidJobException.class).hasMessageStartingWith("malformed JSON");
    assertThatThrownBy(() -> yaml("   ")).hasMessage("the request body is empty");
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThatThrownBy(() -> JobSpecReader.read("{\"name\":\"a\",\"name\":\"b\",\"tasks\":[]}", Format.JSON))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("Duplicate field 'name'");
  }

  @Test
  void refusesAYamlAliasBomb() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      char prev = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [*").append(prev).append(", *").append(prev).append(", *")
          .append(prev).append(", *").append(prev).append(", *").append(prev).append("]\n");
    }
    assertThatThrownBy(() -> yaml(bomb.toString())).isInstanceOf(InvalidJobException.class)
        .hasMessage("b[0]: YAML aliases (*a) are not supported: write the value out");
  }

  @Test
  void refusesAliasesRatherThanReadingThemWrong() {
    rejected("name: j\ntasks: [{name: t, image: busybox, env: {A: &v foo, B: *v}}]",
        "tasks[0].env.B: YAML aliases (*v) are not supported: write the value out");
  }

  @Test
  void refusesDeepNesting() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThatThrownBy(() -> JobSpecReader.read(deep, Format.JSON)).isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("malformed JSON");
    String deepYaml = "a: ".repeat(1) + "[".repeat(10_000) + "]".repeat(10_000);
    assertThatThrownBy(() -> yaml(deepYaml)).isInstanceOf(InvalidJobException.class).hasMessageStartingWith("malformed YAML");
  }

  @Test
  void torksDefaultPriorityIsTheJobsFromZeroToNine() {
    assertThat(yaml("name: p\ndefaults: {priority: 7}\ntasks: [{name: t, image: busybox}]").priority()).isEqualTo(7);
    assertThat(yaml("name: p\ntasks: [{name: t, image: busybox}]").priority()).isNull();
    rejected("name: p\ndefaults: {priority: 10}\ntasks: [{name: t, image: busybox}]",
        "defaults.priority: must be between 0 and 9 (the higher runs first), not 10");
    rejected("name: p\ndefaults: {priority: high}\ntasks: [{name: t, image: busybox}]",
        "defaults.priority: must be a whole number");
  }
}
