package dev.gantry.cli;

import dev.gantry.cli.GantryClient.ClientException;
import dev.gantry.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gantry}: run Gantry, or talk to a running one. */
@Command(name = "gantry", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "A self-hosted container job runner.",
    subcommands = {
        StandaloneCommand.class, ServerCommand.class, WorkerCommand.class,
        ClientCommands.Submit.class, ClientCommands.Jobs.class, ClientCommands.Status.class,
        ClientCommands.Logs.class, ClientCommands.Cancel.class, ClientCommands.Restart.class,
        TokenCommands.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof ClientException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
          || e instanceof StoreException) {
        commandLine.getErr().println("gantry: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }
}
