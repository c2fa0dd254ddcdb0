package dev.gantry.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The baseline: what a program does with docker-java alone to run a container, with nothing of
 * Gantry in between. Containers are labelled {@code gantry.bench} and never outlive a call.
 */
final class DirectDocker implements AutoCloseable {

  static final String IMAGE = "busybox:latest";

  /** Receives a container's output as it arrives. */
  interface Output {
    void bytes(byte[] payload);
  }

  private final DockerClient client;

  DirectDocker(String dockerHost) {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig()).maxConnections(100).connectionTimeout(Duration.ofSeconds(10)).build();
    this.client = DockerClientImpl.getInstance(config, http);
  }

  String version() {
    return client.versionCmd().exec().getVersion();
  }

  /** create, start, wait, remove: one container running {@code command}; returns its exit code. */
  int cycle(String... command) {
    String id = create(command);
    try {
      client.startContainerCmd(id).exec();
      return client.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
    } finally {
      client.removeContainerCmd(id).withForce(true).exec();
    }
  }

  /** Like {@link #cycle} but following the container's stdout and stderr until it ends. */
  int runFollowing(Output output, String... command) throws InterruptedException {
    String id = create(command);
    try {
      client.startContainerCmd(id).exec();
      client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              output.bytes(frame.getPayload());
            }
          }).awaitCompletion();
      return client.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
    } finally {
      client.removeContainerCmd(id).withForce(true).exec();
    }
  }

  private String create(String... command) {
    return client.createContainerCmd(IMAGE).withCmd(List.of(command)).withLabels(Map.of("gantry.bench", "baseline"))
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none")).exec().getId();
  }

  /** Containers and volumes Gantry labelled (gantry.job), e.g. to check nothing was left behind. */
  int gantryLeftovers() {
    int containers = client.listContainersCmd().withShowAll(true).withLabelFilter(List.of("gantry.job")).exec().size();
    var volumes = client.listVolumesCmd().withFilter("label", List.of("gantry.job")).exec().getVolumes();
    return containers + (volumes == null ? 0 : volumes.size());
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
