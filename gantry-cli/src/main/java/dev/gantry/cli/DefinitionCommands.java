package dev.gantry.cli;

import dev.gantry.client.Definition;
import dev.gantry.client.JobDocument;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry definitions create|list}: versioned job definitions, through {@code /definitions}. */
@Command(name = "definitions", description = "Create and list job definitions (each create is the next version).",
    subcommands = {DefinitionCommands.Create.class, DefinitionCommands.ListDefinitions.class})
final class DefinitionCommands implements Runnable {

  private static final String ROW = "%-48s  %7s  %-40s  %s%n";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say what to do with definitions: create or list");
  }

  private static void print(Definition definition) {
    System.out.printf(ROW, definition.name(), definition.version(), definition.image(), definition.createdAt());
  }

  @Command(name = "create", description = "Store a definition file (.json, or YAML) as the next version of its name; prints its reference.")
  static final class Create implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "FILE", description = "the definition file (.yaml, .yml or .json; - reads stdin as YAML)") String file;

    @Override
    public Integer call() {
      Definition made = options.client().createDefinition(new JobDocument(JobFile.read(file), JobFile.contentType(file)));
      System.out.println(made.reference());
      return 0;
    }
  }

  @Command(name = "list", description = "List the newest version of each definition.")
  static final class ListDefinitions implements Callable<Integer> {
    @Mixin ClientOptions options;

    @Override
    public Integer call() {
      System.out.printf(ROW, "NAME", "VERSION", "IMAGE", "CREATED");
      options.client().definitions().forEach(DefinitionCommands::print);
      return 0;
    }
  }
}
