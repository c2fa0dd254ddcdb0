package dev.gantry.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry users create}: users who sign in with a password (HTTP Basic), through {@code POST /users}; needs admin. */
@Command(name = "users", description = "Make users who sign in with a password (needs an admin token).",
    subcommands = {UserCommands.Create.class})
final class UserCommands implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say what to do with users: create");
  }

  @Command(name = "create", description = {"Make a user; the password is read from the first line of stdin, never from the"
      + " command line.", "Example: printf '%s\\n' \"$PASSWORD\" | gantry users create alice --password-stdin"})
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "NAME", description = "the user's name, e.g. alice") String name;
    @Option(names = "--password-stdin", required = true, description = "read the password from stdin (its first line)")
    boolean passwordStdin;

    @Override
    public Integer call() {
      options.client().createUser(name, passwordFromStdin());
      System.out.println("created user " + Terminal.line(name));
      return 0;
    }

    private static String passwordFromStdin() {
      String line;
      try {
        line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        throw new CommandFailure("cannot read the password from stdin: " + e.getMessage());
      }
      if (line == null || line.isEmpty()) {
        throw new CommandFailure("no password on stdin: give it as its first line, e.g. printf '%s\\n' \"$PASSWORD\" | gantry users"
            + " create NAME --password-stdin");
      }
      return line;
    }
  }
}
