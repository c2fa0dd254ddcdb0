package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short crash soak of the normal suite: tens of jobs, a few kill -9s. bench/crash-soak runs
 * the long one through this same test with -Dgantry.soak.jobs=300 -Dgantry.soak.kills=10.
 */
class CrashSoakIT {

  @TempDir Path dataDir;

  @Test
  void jobsSurviveKillNineOfTheStandaloneProcess() throws Exception {
    Services.requireDocker();
    CrashSoak.Plan plan = new CrashSoak.Plan(Integer.getInteger("gantry.soak.jobs", 30), Integer.getInteger("gantry.soak.kills", 3),
        Duration.ofMillis(Long.getLong("gantry.soak.submit-every-ms", 250)), Long.getLong("gantry.soak.seed", 5L));
    SoakReport report = new CrashSoak(plan, dataDir).run();
    String summary = report.summary() + "plan: " + plan + "\n";
    System.out.print(summary);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "crash-soak.txt"), summary);
    assertThat(report.violations).as(summary).isEmpty();
    assertThat(report.accepted).isEqualTo(plan.jobs());
    assertThat(report.kills).isEqualTo(plan.kills());
  }
}
