package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.store.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scheduled jobs with real {@code gantry server} processes on one PostgreSQL: each tick starts one
 * job, through a failover, and after a time when no server ran (the missed ticks start one job);
 * a {@code * * * * *} schedule with two servers starts one job per minute boundary. The first
 * ticks are made due at once by moving a yearly schedule's next tick into the past in the
 * database, so the test waits for one real minute only.
 */
class ScheduledJobsIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();
  private static final String HOLDS = "this process holds the maintenance lock";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  /** The first real minute boundary is at most a minute away, plus a few maintenance rounds. */
  private static final Duration REAL_TICK_DEADLINE = Duration.ofSeconds(90);
  // No worker serves this queue: the started jobs wait there, so no Docker is needed.
  private static final String TASKS = "tasks: [{name: t, image: busybox, queue: unserved, run: \"true\"}]\n";

  @Test
  void everyTickStartsOneJobWhicheverServerFiresIt() throws SQLException {
    try (GantryProcesses processes = new GantryProcesses(database.settings(), ScheduledJobsIT.class)) {
      GantryProcess first = processes.server("--heartbeat", "1s");
      GantryProcess second = processes.server("--heartbeat", "1s");
      first.awaitStarted();
      second.awaitStarted();
      // Ticks made due in the database: a yearly schedule has no real tick while the test runs.
      String yearly = created(first.http(), "name: yearly\nschedule: {cron: \"@yearly\"}\n" + TASKS);
      assertThat(second.http().get("/scheduled-jobs/" + yearly).body().path("state").asText()).isEqualTo("ACTIVE");

      // A tick, fired by whichever server holds the maintenance lock.
      makeDue(yearly, Instant.now().minusSeconds(1));
      await().atMost(DEADLINE).until(() -> jobsOf(second.http(), yearly).size() == 1);

      // Failover: the lock holder dies; the other fires the next tick.
      await().atMost(DEADLINE).until(() -> first.log().contains(HOLDS) || second.log().contains(HOLDS));
      GantryProcess leader = first.log().contains(HOLDS) ? first : second;
      GantryProcess standby = leader == first ? second : first;
      leader.kill();
      makeDue(yearly, Instant.now().minusSeconds(1));
      await().atMost(DEADLINE).until(() -> jobsOf(standby.http(), yearly).size() == 2);

      // Everything down while ten ticks pass: the next server to start fires one job for them.
      standby.kill();
      makeDue(yearly, Instant.now().minus(Duration.ofMinutes(10)));
      GantryProcess third = processes.server("--heartbeat", "1s");
      GantryProcess fourth = processes.server("--heartbeat", "1s");
      third.awaitStarted();
      fourth.awaitStarted();
      await().atMost(DEADLINE).until(() -> jobsOf(third.http(), yearly).size() == 3);
      assertThat(nextRunAt(fourth.http(), yearly)).isAfter(Instant.now().plus(Duration.ofDays(1)));

      // Real minutes with two servers running maintenance every second: one job per minute boundary.
      Instant since = Instant.now();
      String everyMinute = created(third.http(), "name: every minute\nschedule: {cron: \"* * * * *\"}\n" + TASKS);
      await().atMost(REAL_TICK_DEADLINE).until(() -> jobsOf(fourth.http(), everyMinute).size() >= 1);
      Instant fired = Instant.parse(jobsOf(third.http(), everyMinute).get(0).path("createdAt").asText());
      // Both servers go on for a few more rounds, in which a doubled tick would show.
      await().atMost(DEADLINE).until(() -> heartbeatAfter(fourth.http(), fired.plusSeconds(4)));
      Instant checked = Instant.now();
      List<JsonNode> jobs = jobsOf(fourth.http(), everyMinute);
      List<Instant> minutes = jobs.stream()
          .map(j -> Instant.parse(j.path("createdAt").asText()).truncatedTo(ChronoUnit.MINUTES)).toList();
      assertThat(new HashSet<>(minutes)).as("a minute with two jobs: %s", jobs).hasSameSizeAs(minutes);
      for (Instant boundary = since.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
          boundary.isBefore(checked.minusSeconds(4)); boundary = boundary.plus(Duration.ofMinutes(1))) {
        assertThat(minutes).as("the tick at %s", boundary).contains(boundary);
      }
      assertThat(jobs).allSatisfy(job -> assertThat(job.path("state").asText()).isEqualTo("SCHEDULED"));
      assertThat(jobsOf(third.http(), yearly)).hasSize(3);
    }
  }

  private static String created(Http http, String yaml) {
    Http.Response created = http.postYaml("/scheduled-jobs", yaml);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
    return created.body().path("id").asText();
  }

  /** The jobs the schedule started, newest first (at most a page of 20: the test starts 4). */
  private static List<JsonNode> jobsOf(Http http, String scheduleId) {
    List<JsonNode> jobs = new ArrayList<>();
    for (JsonNode job : http.get("/jobs?size=20").body().path("items")) {
      if (job.path("schedule").path("id").asText().equals(scheduleId)) {
        jobs.add(job);
      }
    }
    return jobs;
  }

  private static Instant nextRunAt(Http http, String scheduleId) {
    return Instant.parse(http.get("/scheduled-jobs/" + scheduleId).body().path("nextRunAt").asText());
  }

  /** Whether every UP node has heartbeated after {@code instant} (maintenance runs as often). */
  private static boolean heartbeatAfter(Http http, Instant instant) {
    for (JsonNode node : http.get("/nodes").body()) {
      if (node.path("status").asText().equals("UP") && !Instant.parse(node.path("lastHeartbeatAt").asText()).isAfter(instant)) {
        return false;
      }
    }
    return true;
  }

  /** Moves the schedule's next tick to {@code when}, as if that tick had come. */
  private static void makeDue(String scheduleId, Instant when) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.settings().url());
        PreparedStatement update = connection.prepareStatement("update scheduled_jobs set next_fire_at = ? where id = ?")) {
      update.setObject(1, OffsetDateTime.ofInstant(when, ZoneOffset.UTC));
      update.setString(2, scheduleId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

}
