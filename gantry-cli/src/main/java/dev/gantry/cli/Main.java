package dev.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/** {@code gantry}: run Gantry, or talk to a running one. */
@Command(name = "gantry", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = Version.class,
    description = "A self-hosted container job runner.",
    subcommands = {
        StandaloneCommand.class, ServerCommand.class, WorkerCommand.class,
        ClientCommands.Submit.class, ClientCommands.Jobs.class, ClientCommands.Status.class,
        ClientCommands.Logs.class, ClientCommands.Cancel.class, ClientCommands.Restart.class, ShellCommand.class,
        TokenCommands.class, QueueCommands.class, DefinitionCommands.class, UserCommands.class, RoleCommands.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return commandLine().execute(args);
  }

  /** Every command, with one way to fail ({@link OneLineErrors}) and --help and --version on each. */
  static CommandLine commandLine() {
    OneLineErrors errors = new OneLineErrors();
    return new CommandLine(new Main()).setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors);
  }
}
