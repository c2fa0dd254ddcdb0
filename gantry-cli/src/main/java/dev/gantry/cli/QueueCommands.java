package dev.gantry.cli;

import dev.gantry.client.Queue;
import dev.gantry.client.QueueSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gantry queues list|set}: the queues, their load and their settings, through {@code /queues}. */
@Command(name = "queues", description = "List the queues and change their settings.",
    subcommands = {QueueCommands.ListQueues.class, QueueCommands.Set.class})
final class QueueCommands implements Runnable {

  private static final String ROW = "%-32s  %8s  %8s  %8s  %8s  %15s  %s%n";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say what to do with queues: list or set");
  }

  static void print(Queue queue) {
    int limit = queue.maxConcurrency();
    System.out.printf(ROW, queue.name(), queue.size(), queue.unacked(), queue.subscribers(), queue.priority(),
        limit == 0 ? "unlimited" : limit, queue.enabled() ? "enabled" : "disabled");
  }

  static void header() {
    System.out.printf(ROW, "QUEUE", "QUEUED", "RUNNING", "WORKERS", "PRIORITY", "MAX-CONCURRENCY", "STATE");
  }

  @Command(name = "list", description = "List the queues: their load, workers and settings.")
  static final class ListQueues implements Callable<Integer> {
    @Mixin ClientOptions options;

    @Override
    public Integer call() {
      header();
      options.client().queues().forEach(QueueCommands::print);
      return 0;
    }
  }

  @Command(name = "set", description = {"Change a queue's settings (needs an admin token); what is not given stays.",
      "Example: gantry queues set gpu --priority 10 --max-concurrency 2 --enable"})
  static final class Set implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "NAME", description = "the queue, e.g. default or my-project::first-job-queue") String name;
    @Option(names = "--priority", paramLabel = "N", description = "1 to 1000, the lower runs first (unset queues: 500)")
    Integer priority;
    @Option(names = "--max-concurrency", paramLabel = "N", description = "at most N runs of the queue at once on all workers; 0: no limit")
    Integer maxConcurrency;
    @ArgGroup(exclusive = true) State state;

    static final class State {
      @Option(names = "--enable", description = "let workers take the queue's runs") boolean enable;
      @Option(names = "--disable", description = "keep the queue's runs waiting until it is enabled") boolean disable;
    }

    @Override
    public Integer call() {
      QueueSettings settings = new QueueSettings(priority, maxConcurrency, state == null ? null : state.enable);
      header();
      print(options.client().configureQueue(name, settings));
      return 0;
    }
  }
}
