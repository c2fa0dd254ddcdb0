package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.store.StoreSettings;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarts while a server and a worker (real processes) are running jobs: both keep
 * running, the server's health is DOWN meanwhile, and every job still completes. The database is
 * a private PostgreSQL server, so that stopping it disturbs nothing else on the machine.
 */
class PostgresRestartIT {

  private static final Duration DEADLINE = Duration.ofSeconds(180);
  private static final int JOBS = 20;

  @Test
  void aDatabaseRestartInTheMiddleOfARunOfJobsLosesNone() {
    Services.requireDocker();
    try (PrivatePostgres postgres = PrivatePostgres.start();
        GantryProcesses processes = new GantryProcesses(new StoreSettings(postgres.url(), null, null, 1), PostgresRestartIT.class)) {
      GantryProcess server = processes.server("--heartbeat", "1s");
      GantryProcess worker = processes.worker("--heartbeat", "1s", "--concurrency", "2");
      server.awaitStarted();
      worker.awaitStarted();
      Http http = server.http();
      List<String> ids = IntStream.range(0, JOBS).mapToObj(i -> http.submit("name: through a restart " + i + "\ntasks:\n"
          + "  - {name: first, image: \"busybox:latest\", network: none, run: \"sleep 1\"}\n"
          + "  - {name: second, image: \"busybox:latest\", network: none, run: \"echo -n " + i + " > $GANTRY_OUTPUT\"}\n")).toList();
      await().atMost(DEADLINE).until(() -> completed(http, ids) >= 3);
      assertThat(completed(http, ids)).isLessThan(JOBS); // the restart comes in the middle of the run

      // Down only as long as it takes to see the server notice: each request meanwhile waits for a connection.
      try {
        postgres.stopServer();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.get("/health"), health -> health.status() == 503
            && health.body().path("status").asText().equals("DOWN"));
      } finally {
        postgres.startServer();
      }

      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.get("/health").status() == 200);
      for (int i = 0; i < JOBS; i++) {
        String id = ids.get(i);
        JsonNode job = await().atMost(DEADLINE).until(() -> http.job(id), j -> StandaloneFixture.ENDED.contains(j.path("state").asText()));
        assertThat(job.path("state").asText()).as("job %d: %s", i, job).isEqualTo("COMPLETED");
        assertThat(job.path("result").asText()).isEqualTo(Integer.toString(i));
      }
      assertThat(server.isAlive()).isTrue();
      assertThat(worker.isAlive()).isTrue();
      await().atMost(DEADLINE).until(() -> http.get("/nodes").body().findValuesAsText("status").equals(List.of("UP", "UP")));
      long handedBack = ids.stream().mapToLong(id -> http.job(id).findValuesAsText("error").stream().filter("worker lost"::equals).count()).sum();
      System.out.printf("runs handed back after the restart: %d of %d jobs%n", handedBack, JOBS);
    }
  }

  /** How many of the jobs completed; a request the server cannot answer counts none. */
  private static long completed(Http http, List<String> ids) {
    return ids.stream().filter(id -> "COMPLETED".equals(http.job(id).path("state").asText())).count();
  }
}
