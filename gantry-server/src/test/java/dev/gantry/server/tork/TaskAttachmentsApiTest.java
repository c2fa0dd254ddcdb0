package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task fields that reach Docker through the native API: what is refused, and how a job shows them. */
class TaskAttachmentsApiTest {

  private static final String FULL = """
      name: attached
      tasks:
        - name: t
          image: 127.0.0.1:5055/gantry/private-busybox:latest
          run: 'true'
          registry: {username: gantry, password: pw-never-shown}
          mounts:
            - {type: volume, target: /data}
            - {type: tmpfs, target: /scratch}
          volumes: [/cache]
          networks: [backend]
          gpus: all
          sidecars:
            - {name: web, image: busybox:latest, run: httpd -f -p 8080}
      """;

  private static String binding(String source) {
    return "name: j\ntasks:\n  - name: t\n    image: busybox:latest\n    run: 'true'\n"
        + "    mounts: [{type: bind, source: " + source + ", target: /in, readonly: true}]\n";
  }

  @Test
  void aJobShowsItsAttachmentsAsWrittenAndNeverTheRegistryPassword() {
    try (TestServer server = new TestServer()) {
      Reply submitted = server.submitYaml(FULL);
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);

      Reply reply = server.get("/jobs/" + submitted.json().path("id").asText());

      assertThat(reply.body()).doesNotContain("pw-never-shown").doesNotContain("gantry.registry");
      JsonNode task = reply.json().path("tasks").path(0);
      assertThat(task.path("registry").toString()).isEqualTo("{\"username\":\"gantry\",\"password\":\"[REDACTED]\"}");
      assertThat(task.path("mounts").toString()).isEqualTo("[{\"type\":\"volume\",\"target\":\"/data\"},"
          + "{\"type\":\"tmpfs\",\"target\":\"/scratch\"},{\"type\":\"volume\",\"target\":\"/cache\"}]");
      assertThat(task.path("networks").toString()).isEqualTo("[\"backend\"]");
      assertThat(task.path("gpus").asText()).isEqualTo("all");
      assertThat(task.path("sidecars").toString())
          .isEqualTo("[{\"name\":\"web\",\"image\":\"busybox:latest\",\"run\":\"httpd -f -p 8080\"}]");
      assertThat(reply.json().has("secrets")).isFalse();
    }
  }

  @Test
  void bindMountsAreRefusedByDefaultNamingTheField() {
    try (TestServer server = new TestServer()) {
      Reply reply = server.submitYaml(binding("/srv/data"));

      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.message()).isEqualTo("tasks[0].mounts[0].source: bind-mounting the host path '/srv/data' is not"
          + " allowed on this server (the operator can allow it with --allow-bind-mounts, or --allowed-bind-paths for"
          + " paths under given ones)");
      assertThat(server.storedJobs()).isZero();
    }
  }

  @Test
  void allowedBindPathsLetThroughWhatIsUnderThemOnly() {
    try (TestServer server = new TestServer(new HostAccessPolicy(false, false, List.of("/srv/data")))) {
      assertThat(server.submitYaml(binding("/srv/data/in")).status()).isEqualTo(200);
      assertThat(server.submitYaml(binding("/srv/database")).status()).isEqualTo(400);
      assertThat(server.submitYaml(binding("/etc")).status()).isEqualTo(400);
      assertThat(server.storedJobs()).isEqualTo(1);
    }
  }

  @Test
  void theOperatorMayAllowEveryBindMount() {
    try (TestServer server = new TestServer(new HostAccessPolicy(false, true, List.of()))) {
      assertThat(server.submitYaml(binding("/etc")).status()).isEqualTo(200);
    }
  }

  @Test
  void aBadMountIsA400NamingIt() {
    try (TestServer server = new TestServer()) {
      Reply reply = server.submitYaml("name: j\ntasks:\n  - name: t\n    image: busybox\n    volumes: [/shared/x]\n");

      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.message()).isEqualTo("tasks[0].mounts[0].target: '/shared/x' would cover /shared, which Gantry"
          + " mounts itself");
      assertThat(server.storedJobs()).isZero();
    }
  }
}
