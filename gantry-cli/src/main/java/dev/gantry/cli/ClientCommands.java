package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that talk to a running Gantry over HTTP. */
final class ClientCommands {

  private static final long POLL_MILLIS = 500;

  private ClientCommands() {}

  @Command(name = "submit", description = "Submit a job (YAML or JSON file, - for stdin) and print its id.")
  static final class Submit implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "FILE", description = "the job file (.yaml, .yml or .json; - reads stdin as YAML)") String file;
    @Option(names = {"-f", "--follow"}, description = "show task states and logs until the job ends; exit 1 unless it completes") boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
      String body = file.equals("-") ? new String(System.in.readAllBytes()) : Files.readString(Path.of(file));
      String type = file.endsWith(".json") ? "application/json" : "text/yaml";
      GantryClient client = options.client();
      String id = client.submit(body, type).path("id").asText();
      System.out.println(id);
      return follow ? followJob(client, id, System.out) : 0;
    }
  }

  @Command(name = "jobs", description = "List jobs, newest first.")
  static final class Jobs implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Option(names = {"-q", "--query"}, description = "words to match, and tag:NAME") String query;
    @Option(names = "--page", defaultValue = "1") int page;
    @Option(names = "--size", defaultValue = "20") int size;

    @Override
    public Integer call() {
      JsonNode result = options.client().jobs(query, page, size);
      System.out.printf("%-32s  %-10s  %-24s  %s%n", "ID", "STATE", "CREATED", "NAME");
      for (JsonNode job : result.path("items")) {
        System.out.printf("%-32s  %-10s  %-24s  %s%n", job.path("id").asText(), job.path("state").asText(),
            job.path("createdAt").asText(), job.path("name").asText());
      }
      System.out.printf("page %d of %d (%d jobs)%n", result.path("number").asInt(), result.path("totalPages").asInt(),
          result.path("totalItems").asLong());
      return 0;
    }
  }

  @Command(name = "status", description = "Show a job and its task runs.")
  static final class Status implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "JOB_ID") String id;

    @Override
    public Integer call() {
      JsonNode job = options.client().job(id);
      System.out.printf("%s  %s  %s  task %d of %d%n", job.path("id").asText(), job.path("name").asText(),
          job.path("state").asText(), job.path("position").asInt(), job.path("taskCount").asInt());
      if (job.hasNonNull("result")) System.out.println("result: " + job.path("result").asText());
      if (job.hasNonNull("error")) System.out.println("error: " + job.path("error").asText());
      for (JsonNode run : job.path("execution")) {
        System.out.printf("  %d. %-30s %-10s attempt %d%s%n", run.path("position").asInt(), run.path("name").asText(),
            run.path("state").asText(), run.path("attempt").asInt(1),
            run.hasNonNull("error") ? "  " + run.path("error").asText() : "");
      }
      return 0;
    }
  }

  @Command(name = "logs", description = "Print a job's output.")
  static final class Logs implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "JOB_ID") String id;
    @Option(names = {"-f", "--follow"}, description = "keep printing new output until the job ends") boolean follow;

    @Override
    public Integer call() throws InterruptedException {
      GantryClient client = options.client();
      if (follow) {
        LiveLog.follow(client, id, System.out);
      } else {
        new LogFollower(client, id, System.out).printNew();
      }
      return 0;
    }
  }

  @Command(name = "cancel", description = "Cancel a job.")
  static final class Cancel implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "JOB_ID") String id;

    @Override
    public Integer call() {
      options.client().cancel(id);
      System.out.println("cancelled " + id);
      return 0;
    }
  }

  @Command(name = "restart", description = "Run a failed or cancelled job again from the task it stopped at.")
  static final class Restart implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "JOB_ID") String id;

    @Override
    public Integer call() {
      options.client().restart(id);
      System.out.println("restarted " + id);
      return 0;
    }
  }

  /**
   * Prints the job's output live and its tasks' state changes until the job ends; 0 if it
   * completed, 1 otherwise. The output comes from the live log stream; the states are polled.
   */
  static int followJob(GantryClient client, String id, PrintStream out) throws InterruptedException {
    TaskStates states = new TaskStates(out);
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "gantry-state-poller");
      thread.setDaemon(true);
      return thread;
    });
    poller.scheduleWithFixedDelay(() -> states.printChanges(client, id), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    try {
      LiveLog.follow(client, id, out);
    } finally {
      poller.shutdownNow();
      poller.awaitTermination(5, TimeUnit.SECONDS);
    }
    JsonNode job = client.job(id);
    states.print(job);
    String state = job.path("state").asText();
    out.printf("job %s %s%s%n", id, state, job.hasNonNull("result") ? ": " + job.path("result").asText() : "");
    return state.equals("COMPLETED") ? 0 : 1;
  }

  /** Prints each task run's state when it changes. */
  private static final class TaskStates {
    private final PrintStream out;
    private final Map<String, String> seen = new HashMap<>();

    TaskStates(PrintStream out) {
      this.out = out;
    }

    void printChanges(GantryClient client, String id) {
      try {
        print(client.job(id));
      } catch (RuntimeException e) {
        // The server may be restarting; the log stream reconnects and the next poll catches up.
      }
    }

    synchronized void print(JsonNode job) {
      for (JsonNode run : job.path("execution")) {
        String state = run.path("state").asText();
        if (!state.equals(seen.put(run.path("id").asText(), state))) {
          out.printf("[%s] %s%s%n", run.path("name").asText(), state,
              run.hasNonNull("error") ? ": " + run.path("error").asText() : "");
        }
      }
    }
  }
}
