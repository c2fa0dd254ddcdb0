package dev.gantry.core.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobDocuments;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.RunVariables;
import dev.gantry.core.spec.SpecNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandParametersTest {

  @Test
  void wholeParamItemsAreFilledFromTheGivenThenTheDefaults() {
    assertThat(CommandParameters.fill(List.of("uname", "Param::a", "x=Param::a", "Param::b"), Map.of("a", "-a"),
        Map.of("a", "default-a", "b", "default-b"), "f")).containsExactly("uname", "-a", "x=Param::a", "default-b");
  }

  @Test
  void aKeyWithoutAValueIsAnErrorNamingIt() {
    assertThatThrownBy(() -> CommandParameters.fill(List.of("Param::missing"), Map.of(), Map.of(), "container_cmd_parameter"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("container_cmd_parameter: no value for Param::missing");
  }

  @Test
  void referencesAreProjectDefinitionAndVersion() {
    assertThat(DefinitionNames.reference("f", "my-project::hello-world:12"))
        .isEqualTo(new DefinitionNames.Reference("my-project::hello-world", 12));
    for (String bad : new String[] {"hello:1", "p::h", "p::h:0", "p::h:-1", "p::h:1:2", "::h:1", "p::h:99999999999", "p:::h:1"}) {
      assertThatThrownBy(() -> DefinitionNames.reference("job_definition", bad)).as(bad)
          .hasMessageStartingWith("job_definition: must be project::definition:version");
    }
    assertThat(DefinitionNames.isWellFormed("p::" + "h".repeat(62))).isFalse();
  }

  @Test
  void envEntriesSplitPlainAndSensitiveValues() {
    SpecNode root = SpecNode.root(JobDocuments.parse(
        "{\"env\": {\"A\": {\"value\": \"a\"}, \"B\": {\"value\": \"b\", \"sensitive\": true}, \"C\": {\"value\": 3, \"sensitive\": false}}}",
        Format.JSON));

    EnvEntries env = EnvEntries.read(root, "env");

    assertThat(env.plain()).containsOnly(Map.entry("A", "a"), Map.entry("C", "3"));
    assertThat(env.sensitive()).containsOnly(Map.entry("B", "b"));
  }

  @Test
  void runVariablesGetTheRunsValues() {
    Map<String, String> env = new LinkedHashMap<>(Map.of("RUN", RunVariables.RUN_ID, "NODE", RunVariables.NODE_ID,
        "QUEUE", RunVariables.QUEUE, "PLAIN", "run:id"));

    RunVariables.resolve(env, "r1", "n1", "q1");

    assertThat(env).containsOnly(Map.entry("RUN", "r1"), Map.entry("NODE", "n1"), Map.entry("QUEUE", "q1"),
        Map.entry("PLAIN", "run:id"));
  }
}
