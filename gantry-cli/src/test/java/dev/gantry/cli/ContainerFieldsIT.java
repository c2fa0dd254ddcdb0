package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.gantry.core.spec.HostAccessPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's examples of the task fields that reach Docker, run as written: HTTP in, a real
 * standalone Gantry (H2 on disk, bind mounts under /tmp allowed), the real engine and the test
 * registry of .ci/services.
 */
class ContainerFieldsIT {

  static final String README_MOUNTS_JOB = """
      name: mounts
      tasks:
        - name: scratch space
          image: busybox:latest
          network: none
          mounts:
            - type: volume                # a volume of this task run, removed with it
              target: /data
            - type: tmpfs                 # in memory
              target: /scratch
            - type: bind                  # a host path: only where the operator allows it
              source: /tmp
              target: /host-tmp
              readonly: true
          volumes: [/cache]               # Tork's older spelling of type: volume
          run: |
            echo kept > /data/file
            grep -c -e ' /data ' -e ' /scratch ' -e ' /host-tmp ' -e ' /cache ' /proc/mounts > $TORK_OUTPUT
      """;

  static final String README_NETWORKS_JOB = """
      name: networks
      tasks:
        - name: on two networks
          image: busybox:latest
          networks: [gantry-demo]         # existing networks to join, beside the task's network
          run: ip -o -4 addr | grep -c -v ' lo ' > $TORK_OUTPUT
      """;

  static final String README_REGISTRY_JOB = """
      name: private image
      tasks:
        - name: pull with a password
          image: 127.0.0.1:5055/gantry/private-busybox:latest
          registry:
            username: gantry
            password: gantry-registry-secret
          network: none
          run: echo -n pulled > $TORK_OUTPUT
      """;

  static final String README_GPUS_JOB = """
      name: gpus
      tasks:
        - name: on every GPU
          image: busybox:latest
          gpus: all                       # or 2, device=0,1, count=2,capabilities=compute
          network: none
          run: nvidia-smi
      """;

  static final String README_SIDECARS_JOB = """
      name: sidecars
      tasks:
        - name: call the web sidecar
          image: busybox:latest
          sidecars:
            - name: web                   # its host name on the network it shares with the task
              image: busybox:latest
              run: mkdir -p /www && echo -n pong > /www/ping && echo serving && httpd -f -p 8080 -h /www
              probe: {port: 8080, path: /ping}   # the task starts once this answers 200
          run: wget -qO- http://web:8080/ping > $TORK_OUTPUT
      """;

  static final String README_WAIT_JOB = """
      name: waited for
      wait: {timeout: 30s}                # POST /jobs answers once the job has ended (408 after 30s)
      tasks:
        - name: quick
          image: busybox:latest
          network: none
          run: echo -n done > $TORK_OUTPUT
      """;

  static final String README_PRIVATE_AROUND_JOB = """
      name: private pre and sidecar
      tasks:
        - name: all from the private registry
          image: busybox:latest
          pre:
            - name: prepare
              image: 127.0.0.1:5055/gantry/private-busybox:latest
              registry: {username: gantry, password: gantry-registry-secret}   # its own image's
              network: none
              run: echo -n private > /shared/from-pre
          sidecars:
            - name: web
              image: 127.0.0.1:5055/gantry/private-busybox:latest
              registry: {username: gantry, password: gantry-registry-secret}
              run: mkdir -p /www && echo -n pong > /www/ping && httpd -f -p 8080 -h /www
              probe: {port: 8080, path: /ping}
          run: echo -n "$(cat /shared/from-pre) $(wget -qO- http://web:8080/ping)" > $TORK_OUTPUT
      """;

  @TempDir static Path dataDir;
  static StandaloneFixture gantry;
  static Http http;
  static DockerClient docker;

  @BeforeAll
  static void start() {
    Services.requireDocker();
    gantry = new StandaloneFixture(dataDir, new HostAccessPolicy(false, false, List.of("/tmp")));
    http = gantry.http();
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(Services.DOCKER_HOST).build();
    docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
  }

  @AfterAll
  static void stop() throws Exception {
    if (gantry != null) {
      gantry.close();
    }
    if (docker != null) {
      docker.close();
    }
  }

  private static JsonNode ran(String yaml) {
    String id = http.submit(yaml);
    JsonNode job = gantry.awaitEnd(id);
    gantry.awaitNoLeftovers(id);
    return job;
  }

  @Test
  void theReadmeShowsTheseJobs() throws Exception {
    Readme.showsYamlBlocks(README_MOUNTS_JOB, README_NETWORKS_JOB, README_REGISTRY_JOB, README_GPUS_JOB,
        README_SIDECARS_JOB, README_WAIT_JOB, README_PRIVATE_AROUND_JOB);
  }

  @Test
  void theMountsExampleSeesItsFourMounts() {
    JsonNode job = ran(README_MOUNTS_JOB);
    assertThat(job.path("state").asText()).as("%s", job).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText().trim()).isEqualTo("4");
  }

  @Test
  void theNetworksExampleIsOnTwoNetworks() {
    boolean created = false;
    try {
      docker.inspectNetworkCmd().withNetworkId("gantry-demo").exec();
    } catch (NotFoundException missing) {
      docker.createNetworkCmd().withName("gantry-demo").withLabels(Map.of("gantry.it", "ContainerFieldsIT")).exec();
      created = true;
    }
    try {
      JsonNode job = ran(README_NETWORKS_JOB);
      assertThat(job.path("state").asText()).as("%s", job).isEqualTo("COMPLETED");
      assertThat(job.path("result").asText().trim()).isEqualTo("2");
    } finally {
      if (created) {
        docker.removeNetworkCmd("gantry-demo").exec();
      }
    }
  }

  @Test
  void aMissingNetworkFailsTheTaskSayingSo() {
    JsonNode job = ran(README_NETWORKS_JOB.replace("gantry-demo", "gantry-no-such-network"));
    assertThat(job.path("state").asText()).isEqualTo("FAILED");
    assertThat(job.path("error").asText()).contains("network 'gantry-no-such-network' does not exist on the Docker engine");
  }

  @Test
  void theRegistryExamplePullsThePrivateImageAndNoAnswerOrLogShowsThePassword() {
    try {
      docker.removeImageCmd("127.0.0.1:5055/gantry/private-busybox:latest").withForce(true).exec();
    } catch (NotFoundException notHere) {
      // as it should be
    }
    String id = http.submit(README_REGISTRY_JOB);
    JsonNode job = gantry.awaitEnd(id);

    assertThat(job.path("state").asText()).as("%s", job).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("pulled");
    assertThat(job.toString()).doesNotContain("gantry-registry-secret");
    assertThat(http.get("/jobs/" + id + "/log").body().toString()).doesNotContain("gantry-registry-secret");
    assertThat(http.get("/jobs?q=private").body().toString()).doesNotContain("gantry-registry-secret");
    assertThat(job.path("tasks").path(0).path("registry").path("password").asText()).isEqualTo("[REDACTED]");
  }

  @Test
  void aPreTaskAndASidecarPullTheirOwnPrivateImagesAndNoAnswerOrLogShowsThePassword() {
    try {
      docker.removeImageCmd("127.0.0.1:5055/gantry/private-busybox:latest").withForce(true).exec();
    } catch (NotFoundException notHere) {
      // as it should be
    }
    String id = http.submit(README_PRIVATE_AROUND_JOB);
    JsonNode job = gantry.awaitEnd(id);
    gantry.awaitNoLeftovers(id);

    assertThat(job.path("state").asText()).as("%s", job).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("private pong");
    assertThat(job.toString()).doesNotContain("gantry-registry-secret");
    assertThat(http.get("/jobs/" + id + "/log?size=100").body().toString()).doesNotContain("gantry-registry-secret");
    JsonNode task = job.path("tasks").path(0);
    assertThat(task.path("pre").path(0).path("registry").path("username").asText()).isEqualTo("gantry");
    assertThat(task.path("pre").path(0).path("registry").path("password").asText()).isEqualTo("[REDACTED]");
    assertThat(task.path("sidecars").path(0).path("registry").path("password").asText()).isEqualTo("[REDACTED]");
  }

  @Test
  void aPreTasksGpusReachTheEngineAsItsOwnDeviceRequest() {
    JsonNode job = ran("""
        name: pre gpus
        tasks:
          - name: main
            image: busybox:latest
            network: none
            pre: [{name: on a gpu, image: busybox:latest, gpus: all, network: none, run: nvidia-smi}]
            run: echo main
        """);
    assertThat(job.path("state").asText()).isEqualTo("FAILED");
    assertThat(job.path("error").asText()).startsWith("pre task 'on a gpu': ")
        .contains("could not select device driver \"\" with capabilities: [[gpu]]");
    assertThat(job.path("tasks").path(0).path("pre").path(0).path("gpus").asText()).isEqualTo("all");
  }

  /** No GPU and no nvidia runtime here: the request reaches the engine, which refuses it, and the task fails saying so. */
  @Test
  void theGpusExampleFailsWithTheEnginesMessageWhereThereIsNoGpuRuntime() {
    JsonNode job = ran(README_GPUS_JOB);
    assertThat(job.path("state").asText()).isEqualTo("FAILED");
    assertThat(job.path("error").asText()).contains("could not select device driver \"\" with capabilities: [[gpu]]");
  }

  @Test
  void theSidecarsExampleReachesItsSidecarByNameAndShowsItsOutput() {
    String id = http.submit(README_SIDECARS_JOB);
    JsonNode job = gantry.awaitEnd(id);

    assertThat(job.path("state").asText()).as("%s", job).isEqualTo("COMPLETED");
    assertThat(job.path("result").asText()).isEqualTo("pong");
    assertThat(http.get("/jobs/" + id + "/log?size=100").body().toString()).contains("[sidecar web] serving");
    gantry.awaitNoLeftovers(id);
  }

  @Test
  void theWaitExampleAnswersWithTheCompletedJob() {
    Http.Response reply = http.postYaml("/jobs", README_WAIT_JOB);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().path("state").asText()).isEqualTo("COMPLETED");
    assertThat(reply.body().path("result").asText()).isEqualTo("done");
  }

  @Test
  void aBindMountOutsideTheAllowedPathsIsA400() {
    Http.Response reply = http.postYaml("/jobs", README_MOUNTS_JOB.replace("source: /tmp", "source: /etc"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().path("message").asText()).startsWith("tasks[0].mounts[2].source: bind-mounting the host path '/etc'");
  }
}
