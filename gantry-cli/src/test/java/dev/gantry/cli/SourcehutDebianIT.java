package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.server.sourcehut.SourcehutImages;
import dev.gantry.server.sourcehut.SourcehutSettings;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * builds.sr.ht manifests in a real Debian image (built locally with debootstrap by .ci/services:
 * bash, git): tasks run with bash, the environment file's lists are bash arrays, JOB_ID is the
 * job's id, and sources are cloned at a #ref from a git daemon on this machine (on the Docker
 * bridge's address, which containers reach).
 */
class SourcehutDebianIT {

  @TempDir static Path dir;
  static StandaloneFixture gantry;
  static Process gitDaemon;
  static String gitBase;

  @BeforeAll
  static void start() throws Exception {
    Services.requireDocker();
    Services.requireImage(SourcehutIT.DEBIAN, "run `bash .ci/services` as root (it builds it with debootstrap)");
    Path images = dir.resolve("images");
    Files.writeString(images, "debian/bookworm " + SourcehutIT.DEBIAN + " apt\n");
    gantry = new StandaloneFixture(dir.resolve("gantry"), HostAccessPolicy.NONE,
        new SourcehutSettings(null, Duration.ofMinutes(2), SourcehutImages.withFile(images)));
    SourcehutIT.gantry = gantry;
    gitBase = serveRepository();
  }

  @AfterAll
  static void stop() {
    if (gitDaemon != null) {
      gitDaemon.destroy();
    }
    if (gantry != null) {
      gantry.close();
    }
    SourcehutIT.gantry = null;
  }

  /** A repository with a tag v1 and a later commit, served by git daemon; returns its git:// base URL. */
  private static String serveRepository() throws Exception {
    Path repos = dir.resolve("repos");
    Path repo = repos.resolve("project.git");
    Files.createDirectories(repo);
    git(repo, "init", "-q", "-b", "main");
    Files.writeString(repo.resolve("version"), "one\n");
    git(repo, "add", "version");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "one");
    git(repo, "tag", "v1");
    Files.writeString(repo.resolve("version"), "two\n");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-am", "two");
    String address = bridgeAddress();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    gitDaemon = new ProcessBuilder("git", "daemon", "--export-all", "--reuseaddr", "--base-path=" + repos,
        "--listen=" + address, "--port=" + port, repos.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("git-daemon.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket probe = new Socket(address, port)) {
        break;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("git daemon did not listen: " + Files.readString(dir.resolve("git-daemon.log")));
        }
        Thread.sleep(100); // polling a port that is opening; nothing to wait on instead
      }
    }
    return "git://" + address + ":" + port + "/";
  }

  private static void git(Path repo, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
  }

  /** The Docker bridge's address on this machine: what containers on the default network reach it at. */
  private static String bridgeAddress() throws IOException {
    NetworkInterface bridge = NetworkInterface.getByName("docker0");
    if (bridge == null) {
      throw new IllegalStateException("no docker0 interface: the engine's default bridge is needed");
    }
    for (InetAddress address : Collections.list(bridge.getInetAddresses())) {
      if (address instanceof Inet4Address) {
        return address.getHostAddress();
      }
    }
    throw new IllegalStateException("docker0 has no IPv4 address");
  }

  @Test
  void tasksRunWithBashSeeTheEnvironmentListsAndTheirJobId() {
    long id = SourcehutIT.submit("""
        image: debian/bookworm
        environment:
          GREETING: hello world
          EMPTY: null
          FLAG: true
          LIST: [one, "two words"]
        tasks:
          - show: |
              echo "id=$JOB_ID ci=$CI_NAME g=$GREETING flag=$FLAG empty=[$EMPTY] n=${#LIST[@]} second=${LIST[1]}"
              echo "url=$JOB_URL"
              echo "shell=$BASH_VERSION" | cut -c1-10
        """, Map.of());

    JsonNode job = SourcehutIT.awaitEnd(id);

    assertThat(job.path("status").asText()).as(SourcehutIT.log(job, null)).isEqualTo("success");
    assertThat(SourcehutIT.log(job, null)).contains("tasks run with bash");
    String log = SourcehutIT.log(job, "show");
    assertThat(log).contains("id=" + id + " ci=gantry g=hello world flag=true empty=[] n=2 second=two words\n");
    assertThat(log).contains("url=" + gantry.http().base() + "/api/jobs/" + id + "\n");
    assertThat(log).contains("shell=5.");
  }

  @Test
  void sourcesAreClonedAtTheirRefIntoTheirDirectory() {
    long id = SourcehutIT.submit("""
        image: debian/bookworm
        sources:
          - %1$sproject.git#v1
          - latest::git+%1$sproject.git
        tasks:
          - check: |
              cat ~/project/version
              cat ~/latest/version
              cd project && git describe --tags
        """.formatted(gitBase), Map.of());

    JsonNode job = SourcehutIT.awaitEnd(id);

    assertThat(job.path("status").asText()).as(SourcehutIT.log(job, null)).isEqualTo("success");
    assertThat(SourcehutIT.log(job, null)).contains("Cloning " + gitBase + "project.git into ~/project");
    assertThat(SourcehutIT.log(job, "check")).contains("one\n").contains("two\n").contains("v1\n");
  }

  @Test
  void aSourceThatCannotBeClonedFailsSetupAndLeavesTheTasksPending() {
    long id = SourcehutIT.submit("image: debian/bookworm\nsources: [" + gitBase + "missing.git]\ntasks:\n  - a: echo no\n",
        Map.of());

    JsonNode job = SourcehutIT.awaitEnd(id);

    assertThat(job.path("status").asText()).isEqualTo("failed");
    assertThat(SourcehutIT.taskStates(job)).containsExactly("pending");
    assertThat(SourcehutIT.log(job, null)).contains("missing.git");
  }
}
