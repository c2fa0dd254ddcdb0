package dev.gantry.server.tork;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.engine.ScheduleFirer;
import dev.gantry.core.testing.SettableClock;
import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /scheduled-jobs} in Tork's shape over real HTTP: create, list, get, pause, resume, delete, and the jobs it starts. */
class ScheduledJobApiTest {

  static final String NIGHTLY = """
      name: nightly build
      description: builds at night
      tags: [ci, nightly]
      schedule:
        cron: "0 2 * * MON-FRI"
      tasks:
        - name: build
          image: busybox:latest
          run: echo building
      """;

  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private String created(String yaml) {
    Reply reply = server.post("/scheduled-jobs", "text/yaml", yaml);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("id").asText();
  }

  @Test
  void createsAScheduledJobAndAnswersItsSummary() {
    Reply reply = server.post("/scheduled-jobs", "text/yaml", NIGHTLY);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode summary = reply.json();
    assertThat(summary.path("id").asText()).matches("[0-9a-f]{32}");
    assertThat(summary.path("name").asText()).isEqualTo("nightly build");
    assertThat(summary.path("description").asText()).isEqualTo("builds at night");
    assertThat(summary.path("tags").toString()).isEqualTo("[\"ci\",\"nightly\"]");
    assertThat(summary.path("cron").asText()).isEqualTo("0 2 * * MON-FRI");
    assertThat(summary.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(Instant.parse(summary.path("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(Instant.parse(summary.path("nextRunAt").asText())).isAfter(Instant.parse(summary.path("createdAt").asText()));
    assertThat(summary.has("tasks")).isFalse();
    assertThat(server.storedJobs()).isZero();
  }

  @Test
  void acceptsJsonAndTorksDescriptors() {
    Reply reply = server.post("/scheduled-jobs", "application/json",
        "{\"name\":\"hourly\",\"schedule\":{\"cron\":\"@hourly\"},\"tasks\":[{\"name\":\"t\",\"image\":\"busybox\"}]}");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("cron").asText()).isEqualTo("@hourly");
  }

  @Test
  void listsAPageNewestFirstAndShowsOneWithItsTasks() {
    String first = created(NIGHTLY);
    String second = created(NIGHTLY.replace("nightly build", "second"));

    JsonNode page = server.get("/scheduled-jobs").json();
    assertThat(page.path("items").findValuesAsText("id")).containsExactly(second, first);
    assertThat(page.path("number").asInt()).isEqualTo(1);
    assertThat(page.path("totalItems").asInt()).isEqualTo(2);
    assertThat(page.path("totalPages").asInt()).isEqualTo(1);
    assertThat(page.path("items").path(0).has("tasks")).isFalse();
    assertThat(server.get("/scheduled-jobs?page=2&size=1").json().path("items").findValuesAsText("id")).containsExactly(first);
    assertThat(server.get("/scheduled-jobs?page=1&q=").json().path("items")).hasSize(2);

    JsonNode full = server.get("/scheduled-jobs/" + first).json();
    assertThat(full.path("name").asText()).isEqualTo("nightly build");
    assertThat(full.path("tasks").path(0).path("name").asText()).isEqualTo("build");
    assertThat(full.path("tasks").path(0).path("run").asText()).isEqualTo("echo building");
  }

  @Test
  void pausesResumesAndDeletesWithTorksAnswers() {
    String id = created(NIGHTLY);

    Reply paused = server.put("/scheduled-jobs/" + id + "/pause");
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.body()).isEqualTo("{\"status\":\"OK\"}");
    assertThat(server.get("/scheduled-jobs/" + id).json().path("state").asText()).isEqualTo("PAUSED");
    Reply again = server.put("/scheduled-jobs/" + id + "/pause");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.message()).isEqualTo("scheduled job " + id + " is PAUSED: it is not active");

    assertThat(server.put("/scheduled-jobs/" + id + "/resume").status()).isEqualTo(200);
    assertThat(server.get("/scheduled-jobs/" + id).json().path("state").asText()).isEqualTo("ACTIVE");
    Reply notPaused = server.put("/scheduled-jobs/" + id + "/resume");
    assertThat(notPaused.status()).isEqualTo(400);
    assertThat(notPaused.message()).isEqualTo("scheduled job " + id + " is ACTIVE: it is not paused");

    Reply deleted = server.delete("/scheduled-jobs/" + id);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body()).isEqualTo("{\"status\":\"OK\"}");
    Reply gone = server.get("/scheduled-jobs/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.message()).isEqualTo("scheduled job " + id + " not found");
    assertThat(server.delete("/scheduled-jobs/" + id).status()).isEqualTo(404);
    assertThat(server.put("/scheduled-jobs/" + id + "/pause").status()).isEqualTo(404);
  }

  @Test
  void theJobsItStartsRecordTheirSchedule() {
    String id = created(NIGHTLY);
    Instant tick = server.store.findSchedule(id).orElseThrow().nextFireAt();
    new ScheduleFirer(server.store, server.signals, new SettableClock(tick)).run();

    JsonNode listed = server.get("/jobs").json().path("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.path(0).path("name").asText()).isEqualTo("nightly build");
    assertThat(listed.path(0).path("schedule").path("id").asText()).isEqualTo(id);
    String jobId = listed.path(0).path("id").asText();
    assertThat(server.get("/jobs/" + jobId).json().path("schedule").path("id").asText()).isEqualTo(id);
    assertThat(server.get("/jobs/" + jobId).json().path("tasks").path(0).path("run").asText()).isEqualTo("echo building");
  }

  @Test
  void aJobWithAScheduleSentToJobsIsPointedHere() {
    Reply reply = server.submitYaml(NIGHTLY);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).isEqualTo("schedule: a job with a schedule is created with POST /scheduled-jobs");
    assertThat(server.storedJobs()).isZero();
  }

  @Test
  void badSchedulesAre400NamingTheFieldAndStoreNothing() {
    String job = "name: s\ntasks: [{name: t, image: busybox}]\n";
    String[][] cases = {
        {job, "schedule: a scheduled job needs a schedule, e.g. schedule: {cron: \"0 * * * *\"}"},
        {job + "schedule: '* * * * *'", "schedule: must be an object, not a string"},
        {job + "schedule: {}", "schedule.cron"},
        {job + "schedule: {cron: '61 * * * *'}", "schedule.cron: minute field '61': 61 is outside 0-59"},
        {job + "schedule: {cron: '* * * *'}", "schedule.cron: a cron expression has 5 fields"},
        {job + "schedule: {cron: '@every 1m'}", "schedule.cron: unknown descriptor '@every 1m'"},
        {job + "schedule: {cron: '0 0 30 2 *'}", "schedule.cron: '0 0 30 2 *' never fires (no such day)"},
        {job + "schedule: {cron: '@daily', timezone: UTC}", "schedule.timezone: unknown field"},
        {"name: s\nschedule: {cron: '@daily'}\ntasks: []", "tasks: a job needs at least one task"},
        {"name: s\nschedule: {cron: '@daily'}\ntasks: [{name: t, image: busybox, imgae: x}]", "tasks[0].imgae: unknown field"},
    };
    for (String[] c : cases) {
      Reply reply = server.post("/scheduled-jobs", "text/yaml", c[0]);
      assertThat(reply.status()).as(c[0]).isEqualTo(400);
      assertThat(reply.message()).as(c[0]).startsWith(c[1]);
    }
    assertThat(server.post("/scheduled-jobs", "text/plain", NIGHTLY).status()).isEqualTo(415);
    assertThat(server.store.listSchedules(1, 1).totalItems()).isZero();
  }
}
