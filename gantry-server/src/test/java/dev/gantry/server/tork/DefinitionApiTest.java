package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /definitions} and the reads of them: versions, redaction, refusals. */
class DefinitionApiTest {

  static final String HELLO = """
      {"name": "my-project::hello-world", "image": "busybox:latest", "command": ["echo", "Param::word"],
       "parameters": {"word": "hi"}, "timeout": 30, "limits": {"cpus": 0.5, "memory": "64m"},
       "env": {"PLAIN": {"value": "shown"}, "TOKEN": {"value": "never-shown-value", "sensitive": true}}}""";

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eachPostIsTheNextVersionAnd201WithSensitiveValuesRedacted() {
    Reply first = server.post("/definitions", "application/json", HELLO);
    Reply second = server.post("/definitions", "text/yaml", "name: my-project::hello-world\nimage: busybox:1.36\n");

    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(first.json().path("name").asText()).isEqualTo("my-project::hello-world");
    assertThat(first.json().path("version").asInt()).isEqualTo(1);
    assertThat(first.json().path("reference").asText()).isEqualTo("my-project::hello-world:1");
    assertThat(first.json().path("env").path("PLAIN").path("value").asText()).isEqualTo("shown");
    assertThat(first.json().path("env").path("TOKEN").path("sensitive").asBoolean()).isTrue();
    assertThat(first.json().path("env").path("TOKEN").has("value")).isFalse();
    assertThat(first.json().path("limits").path("memory").asText()).isEqualTo("64m");
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.json().path("version").asInt()).isEqualTo(2);

    JsonNode list = server.get("/definitions").json();
    JsonNode versions = server.get("/definitions/my-project::hello-world").json();
    JsonNode one = server.get("/definitions/my-project::hello-world/1").json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("version").asInt()).isEqualTo(2);
    assertThat(versions.findValuesAsText("image")).containsExactly("busybox:latest", "busybox:1.36");
    assertThat(one.path("command").toString()).isEqualTo("[\"echo\",\"Param::word\"]");
    for (String path : new String[] {"/definitions", "/definitions/my-project::hello-world", "/definitions/my-project::hello-world/1"}) {
      assertThat(server.get(path).body()).as(path).doesNotContain("never-shown-value");
    }
    assertThat(first.body()).doesNotContain("never-shown-value");
  }

  @Test
  void unknownDefinitionsAndVersionsAre404() {
    server.post("/definitions", "application/json", HELLO);

    assertThat(server.get("/definitions/my-project::nope").status()).isEqualTo(404);
    assertThat(server.get("/definitions/my-project::hello-world/2").status()).isEqualTo(404);
    assertThat(server.get("/definitions/my-project::hello-world/0").status()).isEqualTo(404);
    assertThat(server.get("/definitions/not-a-name").status()).isEqualTo(404);
    assertThat(server.get("/definitions/my-project::hello-world/2").message())
        .isEqualTo("job definition my-project::hello-world:2 not found");
  }

  @Test
  void badDefinitionsAreA400NamingTheFieldAndStoreNothing() {
    String[][] cases = {
        {"{\"image\": \"busybox\"}", "name: is required"},
        {"{\"name\": \"hello\", \"image\": \"busybox\"}", "name: must be project::definition"},
        {"{\"name\": \"p::h\"}", "image: is required"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"privileged\": true}",
            "privileged: privileged containers are not allowed on this server (the operator can allow them with --allow-privileged)"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"registry\": {\"username\": \"u\"}}", "registry.password: is required"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"registry\": {\"password\": \"p\"}}", "registry.username: is required"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"registry\": {\"username\": \"u\", \"password\": \"p\", \"url\": 1}}",
            "registry.url: unknown field"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"timeout\": -1}", "timeout: must be 0 (none) or a number of seconds"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"env\": {\"A\": \"x\"}}", "env.A: must be an object"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"env\": {\"A\": {}}}", "env.A.value: is required"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"env\": {\"1A\": {\"value\": \"x\"}}}", "env: '1A' is not a variable name"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"env\": {\"A\": {\"value\": \"x\", \"secret\": true}}}", "env.A.secret: unknown field"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"limits\": {\"memory\": \"1k\"}}", "limits.memory: must be at least 6m"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"command\": \"echo\"}", "command: must be a list of strings"},
        {"{\"name\": \"p::h\", \"image\": \"busybox\", \"colour\": 1}", "colour: unknown field"}};
    for (String[] bad : cases) {
      Reply reply = server.post("/definitions", "application/json", bad[0]);
      assertThat(reply.status()).as(bad[0]).isEqualTo(400);
      assertThat(reply.message()).as(bad[0]).contains(bad[1]);
    }
    assertThat(server.post("/definitions", "text/plain", HELLO).status()).isEqualTo(415);
    assertThat(server.get("/definitions").json()).isEmpty();
  }

  @Test
  void registryCredentialsAreKeptButThePasswordIsShownNowhere() {
    Reply made = server.post("/definitions", "application/json", """
        {"name": "my-project::private", "image": "127.0.0.1:5055/gantry/private-busybox:latest",
         "registry": {"username": "gantry", "password": "never-shown-password"}}""");

    assertThat(made.status()).as(made.body()).isEqualTo(201);
    assertThat(made.json().path("registry").toString()).isEqualTo("{\"username\":\"gantry\"}");
    for (String path : new String[] {"/definitions", "/definitions/my-project::private", "/definitions/my-project::private/1"}) {
      assertThat(server.get(path).body()).as(path).contains("\"username\":\"gantry\"").doesNotContain("never-shown-password");
    }
    assertThat(made.body()).doesNotContain("never-shown-password");
    assertThat(server.definitions.version(dev.gantry.core.auth.Principal.SYSTEM, "my-project::private", 1).registry().password())
        .isEqualTo("never-shown-password");
  }

  @Test
  void aPrivilegedDefinitionIsStoredWhereTheOperatorAllowsIt() {
    try (TestServer allowing = new TestServer(new HostAccessPolicy(false, false, List.of(), true))) {
      Reply made = allowing.post("/definitions", "application/json",
          "{\"name\": \"p::privileged\", \"image\": \"busybox\", \"privileged\": true}");

      assertThat(made.status()).as(made.body()).isEqualTo(201);
      assertThat(made.json().path("privileged").asBoolean()).isTrue();
    }
  }
}
