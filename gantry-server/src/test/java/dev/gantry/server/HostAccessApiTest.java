package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.server.TestServer.Reply;
import org.junit.jupiter.api.Test;

/**
 * Host networking (and joining another container's network) is refused by the core at submit,
 * for every dialect, each answering in its own error shape; the operator can allow it.
 */
class HostAccessApiTest {

  private static final String REFUSED = "host networking is not allowed on this server"
      + " (the operator can allow it with --allow-host-network)";

  private static String nativeJob(String network) {
    return "name: j\ntasks:\n  - {name: a, image: 'busybox:latest', run: 'true'}\n"
        + "  - {name: b, image: 'busybox:latest', run: 'true', network: '" + network + "'}\n";
  }

  /** Steps listed out of id order: the refusal must name the step as the request has it. */
  private static String hadesBuild(String network) {
    return "{\"name\":\"j\",\"steps\":[{\"id\":2,\"image\":\"busybox:latest\",\"network\":\"" + network + "\"},"
        + "{\"id\":1,\"image\":\"busybox:latest\"}]}";
  }

  @Test
  void theNativeApiRefusesHostNetworkingWithItsJsonMessage() {
    try (TestServer server = new TestServer()) {
      Reply reply = server.submitYaml(nativeJob("host"));

      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.header("Content-Type")).startsWith("application/json");
      assertThat(reply.message()).isEqualTo("tasks[1].network: " + REFUSED);
      Reply joining = server.submitYaml(nativeJob("container:postgres"));
      assertThat(joining.status()).isEqualTo(400);
      assertThat(joining.message()).startsWith("tasks[1].network: joining another container's network ('container:postgres')");
      assertThat(server.storedJobs()).isZero();
    }
  }

  @Test
  void theHadesApiRefusesHostNetworkingInPlainTextNamingTheStep() {
    try (TestServer server = new TestServer()) {
      Reply reply = server.post("/build", "application/json", hadesBuild("host"));

      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.header("Content-Type")).startsWith("text/plain");
      assertThat(reply.body()).isEqualTo("steps[0].network: " + REFUSED + "\n");
      assertThat(server.post("/build", "application/json", hadesBuild("container:gantry")).status()).isEqualTo(400);
      assertThat(server.storedJobs()).isZero();
    }
  }

  @Test
  void whereTheOperatorAllowsItEveryDialectAcceptsHostNetworking() {
    try (TestServer server = new TestServer(new HostAccessPolicy(true))) {
      Reply nativeReply = server.submitYaml(nativeJob("host"));
      Reply hadesReply = server.post("/build", "application/json", hadesBuild("host"));

      assertThat(nativeReply.status()).as(nativeReply.body()).isEqualTo(200);
      assertThat(hadesReply.status()).as(hadesReply.body()).isEqualTo(200);
      assertThat(server.jobs.job(hadesReply.json().path("id").asText()).spec().task(2).network()).isEqualTo("host");
    }
  }
}
