package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's README.md, for tests that run its examples: what they run is what it shows. */
final class Readme {

  private Readme() {}

  /** Asserts that the README shows each of {@code jobs} as a YAML block, to the letter. */
  static void showsYamlBlocks(String... jobs) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (String job : jobs) {
      assertThat(readme).contains("```yaml\n" + job + "```");
    }
  }
}
