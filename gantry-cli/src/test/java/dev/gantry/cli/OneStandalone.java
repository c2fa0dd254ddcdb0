package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose tests share one real standalone Gantry ({@link StandaloneFixture}: H2 in a
 * temporary directory, the real Docker engine), started before its first test and closed after its
 * last. The fields are static: test classes run one after the other (no parallel execution here).
 */
abstract class OneStandalone {

  @TempDir static Path dataDir;
  static StandaloneFixture gantry;
  static Http http;

  @BeforeAll
  static void start() {
    Services.requireDocker();
    gantry = new StandaloneFixture(dataDir);
    http = gantry.http();
  }

  @AfterAll
  static void stop() {
    if (gantry != null) {
      gantry.close();
      gantry = null;
      http = null;
    }
  }

  /** The runs of a job as the native API shows them ({@code execution}), in order. */
  static List<JsonNode> execution(JsonNode job) {
    List<JsonNode> runs = new ArrayList<>();
    job.path("execution").forEach(runs::add);
    return runs;
  }
}
