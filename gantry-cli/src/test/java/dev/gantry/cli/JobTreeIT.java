package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** parallel, each and pre/post end to end: HTTP in, real containers, H2 on disk; README's examples as written. */
class JobTreeIT extends OneStandalone {

  /** README's parallel and pre/post example, as written there. */
  static final String README_PARALLEL_JOB = """
      name: build in parallel
      tasks:
        - name: checkout
          image: busybox:latest
          network: none
          pre:
            - name: prepare
              image: busybox:latest
              network: none
              run: mkdir -p /shared/src && echo -n v1 > /shared/src/VERSION
          run: cat /shared/src/VERSION > $TORK_OUTPUT
          post:
            - name: list
              image: busybox:latest
              network: none
              run: ls /shared/src
        - name: build both
          parallel:
            tasks:
              - name: build amd64
                var: amd64
                image: busybox:latest
                network: none
                run: echo -n "amd64 $(cat /shared/src/VERSION)" > $TORK_OUTPUT
              - name: build arm64
                var: arm64
                image: busybox:latest
                network: none
                run: echo -n "arm64 $(cat /shared/src/VERSION)" > $TORK_OUTPUT
        - name: publish
          image: busybox:latest
          network: none
          env:
            BUILT: "{{ tasks.amd64 }} and {{ tasks.arm64 }}"
          run: echo -n "published $BUILT" > $TORK_OUTPUT
      """;

  /** README's each example, as written there. */
  static final String README_EACH_JOB = """
      name: square numbers
      output: "{{ tasks.square0 }} {{ tasks.square1 }} {{ tasks.square2 }} {{ tasks.square3 }}"
      tasks:
        - name: squares
          each:
            list: "{{ sequence(1, 5) }}"
            var: number
            concurrency: 2
            task:
              name: "square {{ number.value }}"
              var: "square{{ number.index }}"
              image: busybox:latest
              network: none
              env:
                N: "{{ number.value }}"
              run: echo -n $((N * N)) > $TORK_OUTPUT
      """;

  /** README's subjob example, as written there. */
  static final String README_SUBJOB_JOB = """
      name: release
      inputs:
        version: "1.2"
      output: "{{ tasks.built }}"
      tasks:
        - name: build in a sub-job
          var: built
          subjob:
            name: "build {{ inputs.version }}"
            inputs:
              version: "{{ inputs.version }}"
            secrets:
              token: s3cr3t
            output: "{{ tasks.binaries }}"
            tasks:
              - name: platforms
                parallel:
                  tasks:
                    - name: per platform
                      each:
                        list: "{{ ['amd64', 'arm64'] }}"
                        task:
                          name: "build {{ item.value }}"
                          var: "bin{{ item.index }}"
                          image: busybox:latest
                          network: none
                          env:
                            PLATFORM: "{{ item.value }}"
                            VERSION: "{{ inputs.version }}"
                          run: echo -n "app-$VERSION-$PLATFORM" > $TORK_OUTPUT
                    - name: check the token
                      image: busybox:latest
                      network: none
                      env:
                        TOKEN: "{{ secrets.token }}"
                      run: test ${#TOKEN} -eq 6 && echo "token is $TOKEN"
              - name: collect
                var: binaries
                image: busybox:latest
                network: none
                env:
                  ALL: "{{ tasks.bin0 }} {{ tasks.bin1 }}"
                run: echo -n "$ALL" > $TORK_OUTPUT
      """;

  /** README's pre/post example with a volume mount, as written there. */
  static final String README_PRE_POST_VOLUME_JOB = """
      name: cache between pre and post
      tasks:
        - name: build
          image: busybox:latest
          network: none
          mounts:
            - type: volume
              target: /cache
          pre:
            - name: warm
              image: busybox:latest
              network: none
              run: echo -n warm > /cache/state
          run: echo -n " built" >> /cache/state && cat /cache/state > $TORK_OUTPUT
          post:
            - name: check
              image: busybox:latest
              network: none
              run: grep -q "warm built" /cache/state && echo "post saw $(cat /cache/state)"
      """;

  @Test
  void theReadmeShowsTheseJobs() throws java.io.IOException {
    Readme.showsYamlBlocks(README_PARALLEL_JOB, README_EACH_JOB, README_SUBJOB_JOB, README_PRE_POST_VOLUME_JOB);
  }

  @Test
  void preAndPostShareTheWorkspaceAndAParallelsResultsReachTheNextTask() {
    String id = http.submit(README_PARALLEL_JOB);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("published amd64 v1 and arm64 v1");
    assertThat(job.path("position").asInt()).isEqualTo(4);
    assertThat(job.path("taskCount").asInt()).isEqualTo(3);
    assertThat(execution(job)).extracting(r -> r.path("path").asText() + " " + r.path("name").asText())
        .containsExactly("0 checkout", "1.0 build amd64", "1.1 build arm64", "2 publish");
    assertThat(execution(job).get(0).path("result").asText()).isEqualTo("v1");
    String checkoutLog = http.get("/tasks/" + execution(job).get(0).path("id").asText() + "/log").body().toString();
    assertThat(checkoutLog).as("the post task's output is the run's").contains("VERSION");
    assertThat(job.path("tasks").get(0).path("pre").get(0).path("name").asText()).isEqualTo("prepare");
    assertThat(job.path("tasks").get(1).path("parallel").path("tasks")).hasSize(2);
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void preAndPostShareTheTasksVolumeMountInOneRunEnvironment() {
    String id = http.submit(README_PRE_POST_VOLUME_JOB);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("COMPLETED");
    assertThat(execution(job)).hasSize(1);
    assertThat(job.path("result").asText()).as("the main container read what pre wrote in the volume").isEqualTo("warm built");
    String log = http.get("/tasks/" + execution(job).get(0).path("id").asText() + "/log").body().toString();
    assertThat(log).as("post saw the volume as the main container left it").contains("post saw warm built");
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void anEachRunsOneCopyPerElementWithItsItem() {
    String id = http.submit(README_EACH_JOB);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("1 4 9 16");
    assertThat(execution(job)).extracting(r -> r.path("name").asText())
        .containsExactly("square 1", "square 2", "square 3", "square 4");
    assertThat(job.path("tasks").get(0).path("each").path("concurrency").asInt()).isEqualTo(2);
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void aFailingTaskOfAParallelCancelsItsSiblingAndFailsTheJobAndARestartRunsTheParallelAgain() {
    String id = http.submit("""
        name: one of two fails
        tasks:
          - name: both
            parallel:
              tasks:
                - {name: slow, image: "busybox:latest", network: none, run: "sleep 60"}
                - {name: bad, image: "busybox:latest", network: none, run: "sleep 1; echo broken >&2; exit 3"}
          - {name: never, image: "busybox:latest", network: none, run: "true"}
        """);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("FAILED");
    assertThat(job.path("error").asText()).isEqualTo("exit code 3: broken");
    assertThat(execution(job)).extracting(r -> r.path("name").asText() + " " + r.path("state").asText())
        .containsExactly("slow CANCELLED", "bad FAILED");
    gantry.awaitNoLeftovers(id);

    assertThat(http.put("/jobs/" + id + "/restart").status()).isEqualTo(200);
    JsonNode again = gantry.awaitEnd(id);
    assertThat(again.path("state").asText()).isEqualTo("FAILED");
    assertThat(execution(again)).extracting(r -> r.path("name").asText() + " " + r.path("attempt").asInt())
        .as("the parallel ran again, from its start").containsExactly("slow 1", "slow 1", "bad 1", "bad 1");
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void aSubjobRunsAnEachInAParallelAndItsOutputBecomesTheParentsResult() {
    String id = http.submit(README_SUBJOB_JOB);
    JsonNode job = gantry.awaitEnd(id);
    assertThat(job.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("app-1.2-amd64 app-1.2-arm64");
    assertThat(job.path("secrets").toString()).doesNotContain("s3cr3t");
    assertThat(job.path("tasks").toString()).doesNotContain("s3cr3t");
    JsonNode children = http.get("/jobs?q=build").body().path("items");
    JsonNode child = null;
    for (JsonNode listed : children) {
      if (id.equals(listed.path("parentId").asText())) {
        child = http.job(listed.path("id").asText());
      }
    }
    assertThat(child).as("the sub-job is listed with its parent's id").isNotNull();
    assertThat(child.path("name").asText()).isEqualTo("build 1.2");
    assertThat(child.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(child.toString()).doesNotContain("s3cr3t");
    assertThat(execution(child)).extracting(r -> r.path("path").asText() + " " + r.path("name").asText())
        .containsExactly("0.0.0 build amd64", "0.0.1 build arm64", "0.1 check the token", "1 collect");
    String log = http.get("/jobs/" + child.path("id").asText() + "/log").body().toString();
    assertThat(log).contains("token is [REDACTED]").doesNotContain("s3cr3t");
    gantry.awaitNoLeftovers(child.path("id").asText());
  }

  @Test
  void cancellingAParentStopsTheContainersOfItsSubjob() {
    String id = http.submit("""
        name: cancel the tree
        tasks:
          - name: call
            subjob:
              name: long child
              tasks: [{name: sleeper, image: "busybox:latest", network: none, run: "sleep 60"}]
        """);
    JsonNode running = gantry.awaitState(id, java.util.Set.of("RUNNING"));
    assertThat(running.path("state").asText()).isEqualTo("RUNNING");
    String childId = null;
    for (JsonNode listed : http.get("/jobs?q=long").body().path("items")) {
      childId = listed.path("id").asText();
    }
    String child = childId;
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> !gantry.leftovers(child).isEmpty());
    assertThat(http.put("/jobs/" + id + "/cancel").status()).isEqualTo(200);
    assertThat(gantry.awaitEnd(child).path("state").asText()).isEqualTo("CANCELLED");
    assertThat(gantry.awaitEnd(id).path("state").asText()).isEqualTo("CANCELLED");
    gantry.awaitNoLeftovers(child);
  }

  @Test
  void malformedCompositesAreRefusedNamingTheField() {
    assertThat(http.postYaml("/jobs", "name: j\ntasks: [{name: p, parallel: {tasks: []}}]").body().path("message")
        .asText()).isEqualTo("tasks[0].parallel.tasks: a parallel needs at least one task");
    assertThat(http.postYaml("/jobs", "name: j\ntasks: [{name: e, each: {list: '{{ [1] }}', concurrency: 0,"
        + " task: {name: t, image: busybox}}}]").body().path("message").asText())
        .isEqualTo("tasks[0].each.concurrency: must be at least 1");
    assertThat(http.postYaml("/jobs", "name: j\ntasks: [{name: e, image: busybox, each: {list: '[1]',"
        + " task: {name: t, image: busybox}}}]").status()).isEqualTo(400);
    assertThat(http.postYaml("/jobs", "name: j\ntasks: [{name: e, each: {list: '{{ item.x ', task: {name: t,"
        + " image: busybox}}}]").body().path("message").asText()).startsWith("tasks[0].each.list: ");
    assertThat(http.postYaml("/jobs", "name: j\ntasks: [{name: p, parallel: {tasks: [{name: t, image: busybox,"
        + " network: host}]}}]").body().path("message").asText())
        .startsWith("tasks[0].parallel.tasks[0].network: host networking is not allowed");
    assertThat(http.postYaml("/jobs", "name: j\ntasks: [{name: s, subjob: {name: c, tasks: []}}]").body().path("message")
        .asText()).isEqualTo("tasks[0].subjob.tasks: a sub-job needs at least one task");
    assertThat(http.postYaml("/jobs", "name: j\ntasks: [{name: s, subjob: {name: c, tasks: [{name: t, image: busybox,"
        + " env: {A: '{{ nope.x }}'}}]}}]").body().path("message").asText())
        .startsWith("tasks[0].subjob.tasks[0].env.A: unknown name nope");
    assertThat(http.postYaml("/jobs", "name: j\ntasks: [{name: s, subjob: {name: c, tasks: [{name: t, image: busybox,"
        + " pre: [{name: p, image: busybox, network: host}]}]}}]").body().path("message").asText())
        .startsWith("tasks[0].subjob.tasks[0].pre[0].network: host networking is not allowed");
  }
}
