package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /jobs?page&size&q}: Tork's page shape, its size bounds, and search. */
class JobListApiTest {

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private String submit(String name, String description, String... tags) {
    return server.submitted("name: " + name + "\n"
        + (description == null ? "" : "description: " + description + "\n")
        + (tags.length == 0 ? "" : "tags: [" + String.join(", ", tags) + "]\n")
        + "tasks:\n  - name: t\n    image: busybox\n");
  }

  private static List<String> names(Reply reply) {
    List<String> names = new ArrayList<>();
    reply.json().path("items").forEach(item -> names.add(item.path("name").asText()));
    return names;
  }

  @Test
  void anEmptyListIsAPageWithNoItems() {
    JsonNode page = server.get("/jobs").json();
    assertThat(page.path("items").isArray()).isTrue();
    assertThat(page.path("items")).isEmpty();
    assertThat(page.path("number").asInt()).isEqualTo(1);
    assertThat(page.path("size").asInt()).isZero();
    assertThat(page.path("totalPages").asInt()).isZero();
    assertThat(page.path("totalItems").asInt()).isZero();
  }

  @Test
  void aSearchOfOnlyPunctuationFindsNothingAsTorksDoes() {
    submit("'100% done'", null);
    submit("'a_b'", null, "ci");

    for (String q : List.of("%25", "_", "%5C", "%25%20_%20%5C", "%25+tag:ci")) {
      Reply reply = server.get("/jobs?q=" + q);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(names(reply)).as(q).isEmpty();
      assertThat(reply.json().path("totalItems").asInt()).as(q).isZero();
    }
    assertThat(names(server.get("/jobs?q=%25+done"))).containsExactly("100% done");
  }

  @Test
  void pagesNewestFirstTenByDefault() {
    for (int i = 1; i <= 12; i++) {
      submit("job-" + i, null);
    }

    Reply first = server.get("/jobs");
    assertThat(first.status()).isEqualTo(200);
    assertThat(names(first)).hasSize(10).startsWith("job-12", "job-11").endsWith("job-3");
    assertThat(first.json().path("number").asInt()).isEqualTo(1);
    assertThat(first.json().path("size").asInt()).isEqualTo(10);
    assertThat(first.json().path("totalPages").asInt()).isEqualTo(2);
    assertThat(first.json().path("totalItems").asInt()).isEqualTo(12);

    Reply second = server.get("/jobs?page=2");
    assertThat(names(second)).containsExactly("job-2", "job-1");
    assertThat(second.json().path("size").asInt()).isEqualTo(2);

    assertThat(names(server.get("/jobs?page=3&size=5"))).containsExactly("job-2", "job-1");
    assertThat(names(server.get("/jobs?page=9"))).isEmpty();
    assertThat(names(server.get("/jobs?size=20"))).hasSize(12);
    assertThat(names(server.get("/jobs?size=1"))).containsExactly("job-12");
    assertThat(names(server.get("/jobs?page=&size="))).hasSize(10);
    // What Tork's web UI asks: page and q, no size.
    assertThat(names(server.get("/jobs?page=1&q="))).hasSize(10).startsWith("job-12");
    assertThat(names(server.get("/jobs?page&q"))).hasSize(10);
    assertThat(names(server.get("/jobs?page=2&q=job"))).containsExactly("job-2", "job-1");
  }

  @Test
  void summariesCarryTorkFieldsButNotTasks() {
    submit("described", "\"does things\"", "nightly");
    JsonNode item = server.get("/jobs").json().path("items").path(0);
    assertThat(item.path("description").asText()).isEqualTo("does things");
    assertThat(item.path("tags").toString()).isEqualTo("[\"nightly\"]");
    assertThat(item.path("state").asText()).isEqualTo("SCHEDULED");
    assertThat(item.path("taskCount").asInt()).isEqualTo(1);
    assertThat(item.has("tasks")).isFalse();
    assertThat(item.has("execution")).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "size=0, size", "size=21, size", "size=-1, size", "size=ten, size", "size=1.5, size",
      "page=0, page", "page=-3, page", "page=x, page", "page=99999999999999999999, page"})
  void rejectsPagingParametersOutOfRangeNamingThem(String query, String parameter) {
    Reply reply = server.get("/jobs?" + query);
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).startsWith("query parameter '" + parameter + "' must be a whole number from 1 to ");
  }

  @Test
  void searchesWordsInNameDescriptionAndState() {
    submit("build docs", null);
    submit("deploy", "\"ship the BUILD\"");
    submit("lint", null);

    assertThat(names(server.get("/jobs?q=build"))).containsExactly("deploy", "build docs");
    assertThat(names(server.get("/jobs?q=build%20docs"))).containsExactly("build docs");
    assertThat(names(server.get("/jobs?q=queued"))).hasSize(3);
    assertThat(names(server.get("/jobs?q=SCHEDULED"))).as("Tork's name for queued").hasSize(3);
    assertThat(names(server.get("/jobs?q=completed"))).isEmpty();
    assertThat(names(server.get("/jobs?q=nothing"))).isEmpty();
  }

  @Test
  void searchesByTag() {
    submit("a", null, "nightly", "docs");
    submit("b", null, "nightly");
    submit("c", null);

    assertThat(names(server.get("/jobs?q=tag:nightly"))).containsExactly("b", "a");
    assertThat(names(server.get("/jobs?q=tags:nightly,docs"))).containsExactly("a");
    assertThat(names(server.get("/jobs?q=tag:nightly%20b"))).containsExactly("b");
    assertThat(server.get("/jobs?q=tag:nightly&size=1").json().path("totalItems").asInt()).isEqualTo(2);
  }

  @Test
  void everyJobNamesItsDialectAndIsFoundByIt() {
    String tork = server.submitted("name: native one\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n");
    Reply built = server.post("/build", "application/json",
        "{\"name\":\"via hades\",\"steps\":[{\"id\":1,\"name\":\"s\",\"image\":\"busybox:latest\",\"script\":\"true\"}]}");
    assertThat(built.status()).as(built.body()).isEqualTo(200);
    String hades = built.json().path("id").asText();

    assertThat(server.get("/jobs/" + tork).json().path("dialect").asText()).isEqualTo("tork");
    assertThat(server.get("/jobs/" + hades).json().path("dialect").asText()).isEqualTo("hades");
    JsonNode found = server.get("/jobs?q=dialect:hades").json();
    assertThat(found.path("totalItems").asLong()).isEqualTo(1);
    assertThat(found.path("items").get(0).path("id").asText()).isEqualTo(hades);
    assertThat(server.get("/jobs?q=dialect:tork%20native").json().path("items").get(0).path("id").asText()).isEqualTo(tork);
    assertThat(server.get("/jobs?q=dialect:sourcehut").json().path("totalItems").asLong()).isZero();
  }
}
