package dev.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that talk to a running Gantry over HTTP. */
final class ClientCommands {

  private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");
  private static final long POLL_MILLIS = 300;

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
      return follow ? followJob(client, id, System.out, true) : 0;
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
      LogFollower logs = new LogFollower(client, id, System.out);
      logs.printNew();
      while (follow && !ENDED.contains(client.job(id).path("state").asText())) {
        Thread.sleep(POLL_MILLIS);
        logs.printNew();
      }
      if (follow) {
        logs.printNew();
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

  /** Prints task state changes and output until the job ends; 0 if it completed, 1 otherwise. */
  static int followJob(GantryClient client, String id, PrintStream out, boolean withLogs) throws InterruptedException {
    LogFollower logs = new LogFollower(client, id, out);
    Map<String, String> seen = new HashMap<>();
    while (true) {
      JsonNode job = client.job(id);
      for (JsonNode run : job.path("execution")) {
        String state = run.path("state").asText();
        if (!state.equals(seen.put(run.path("id").asText(), state))) {
          out.printf("[%s] %s%s%n", run.path("name").asText(), state,
              run.hasNonNull("error") ? ": " + run.path("error").asText() : "");
        }
      }
      if (withLogs) {
        logs.printNew();
      }
      String state = job.path("state").asText();
      if (ENDED.contains(state)) {
        out.printf("job %s %s%s%n", id, state, job.hasNonNull("result") ? ": " + job.path("result").asText() : "");
        return state.equals("COMPLETED") ? 0 : 1;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
