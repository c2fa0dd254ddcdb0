package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.store.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash soak's multi-process variant: a server and two workers on PostgreSQL, each killed (-9)
 * at random and started again, under jobs of 1-3 tasks handing a file on through /shared. By
 * default 60 jobs and 3 kills, to finish in about 3 minutes on a busy 2-core machine (where three
 * JVMs and the engine run about one task a second); -Dgantry.cluster-soak.jobs=300 is the size.
 */
class ClusterCrashSoakIT {

  @RegisterExtension static final PostgresTestDatabase database = new PostgresTestDatabase();

  @TempDir Path dataDir;

  @Test
  void jobsSurviveKillNineOfTheServerAndTheWorkers() throws Exception {
    Assumptions.assumeTrue(database.schema() != null, "needs PostgreSQL");
    Services.requireDocker();
    ClusterCrashSoak.Plan plan = new ClusterCrashSoak.Plan(Integer.getInteger("gantry.cluster-soak.jobs", 60),
        Integer.getInteger("gantry.cluster-soak.kills", 3), Duration.ofMillis(Long.getLong("gantry.cluster-soak.submit-every-ms", 150)),
        Long.getLong("gantry.cluster-soak.seed", 7L));
    try (GantryProcesses processes = new GantryProcesses(database.settings(), ClusterCrashSoakIT.class)) {
      ClusterCrashSoak soak = new ClusterCrashSoak(plan, processes, dataDir);
      SoakReport report = soak.run();
      String summary = report.summary() + "kills: " + soak.kills() + "\nplan: " + plan + "\n";
      System.out.print(summary);
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "cluster-crash-soak.txt"), summary);
      assertThat(report.violations).as(summary).isEmpty();
      assertThat(report.accepted).isEqualTo(plan.jobs());
      assertThat(report.kills).isEqualTo(plan.kills());
    }
  }
}
