package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every command answers --help (and -h) with its usage and exit code 0, whatever it requires otherwise. */
class HelpTest {

  private static final List<String> COMMANDS =
      List.of("standalone", "server", "worker", "submit", "jobs", "status", "logs", "cancel", "restart", "token", "queues", "definitions", "users", "roles");
  /** A URL scheme at the end of a line: a URL broken in two. */
  private static final Pattern BROKEN_URL = Pattern.compile("(?m)\\b[a-z]+:/*$");

  private record Run(int exitCode, String out, String err) {}

  private static Run gantry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"standalone", "server", "worker", "submit", "jobs", "status", "logs", "cancel", "restart", "token",
      "token create", "token list", "token revoke", "queues", "queues list", "queues set", "definitions", "definitions create", "definitions list",
      "users", "users create", "roles", "roles create", "roles add", "roles remove", "roles list"})
  void everyCommandAnswersHelp(String command) {
    for (String help : List.of("--help", "-h")) {
      Run run = gantry((command + " " + help).split(" "));
      assertThat(run.exitCode()).as(command + " " + help + ": " + run.err()).isZero();
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).startsWith("Usage: gantry " + command).contains("-h, --help");
      assertThat(BROKEN_URL.matcher(run.out()).find()).as("a URL broken across lines in:\n" + run.out()).isFalse();
    }
  }

  @Test
  void theTopLevelHelpListsEveryCommand() {
    Run run = gantry("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains(COMMANDS);
  }

  @Test
  void urlsInTheUsageStayWholeOnOneLine() {
    assertThat(gantry("standalone", "--help").out()).contains("jdbc:postgresql://db:5432/gantry", "unix:///var/run/docker.sock");
    assertThat(gantry("logs", "--help").out()).contains("http://localhost:8000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"submit", "status", "logs", "cancel", "restart"})
  void aMissingArgumentIsOneLineNamingItAndTheHelp(String command) {
    Run run = gantry(command);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().satisfies(line ->
        assertThat(line).startsWith("gantry: Missing required parameter: ").endsWith("(see gantry " + command + " --help)"));
  }

  @Test
  void anUnknownOptionIsOneLine() {
    Run run = gantry("jobs", "--bogus");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("gantry: Unknown option: '--bogus' (see gantry jobs --help)" + System.lineSeparator());
  }
}
