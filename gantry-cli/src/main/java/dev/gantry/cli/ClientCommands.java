package dev.gantry.cli;

import dev.gantry.client.GantryClient;
import dev.gantry.client.Job;
import dev.gantry.client.JobDocument;
import dev.gantry.client.JobSearch;
import dev.gantry.client.TaskRun;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that talk to a running Gantry over HTTP. Everything they print from the server goes through {@link Terminal}. */
final class ClientCommands {

  private static final long POLL_MILLIS = 500;

  private ClientCommands() {}

  @Command(name = "submit", description = "Submit a job (YAML or JSON file, - for stdin) and print its id.")
  static final class Submit implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "FILE", description = "the job file (.yaml, .yml or .json; - reads stdin as YAML)") String file;
    @Option(names = {"-f", "--follow"}, description = {"show task states and logs until the job ends; exit 1 unless it completes.",
        "On a terminal: the task tree with states and times, updated in place, the log's last lines below it"}) boolean follow;

    @Override
    public Integer call() throws InterruptedException {
      String body = JobFile.read(file);
      GantryClient client = options.client();
      String id = client.submit(new JobDocument(body, JobFile.contentType(file))).id();
      System.out.println(Terminal.line(id));
      if (!follow) {
        return 0;
      }
      return Terminal.interactive() ? followLive(client, id, System.out, true) : followJob(client, id, System.out);
    }
  }

  @Command(name = "jobs", description = "List jobs, newest first.")
  static final class Jobs implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Option(names = {"-q", "--query"}, description = "words to match, and tag:NAME") String query;
    @Option(names = "--page", defaultValue = "1", description = "which page (default ${DEFAULT-VALUE})") int page;
    @Option(names = "--size", defaultValue = "20", description = "jobs per page, 1 to 20 (default ${DEFAULT-VALUE})") int size;

    @Override
    public Integer call() {
      JobTable.print(options.client().jobs(new JobSearch(query, null, page, size)), page, System.out);
      return 0;
    }
  }

  @Command(name = "status", description = {"Show a job and its task runs.",
      "On a terminal: its task tree with states and times, updated in place until the job ends (Ctrl-C stops watching)"})
  static final class Status implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "JOB_ID") String id;

    @Override
    public Integer call() throws InterruptedException {
      GantryClient client = options.client();
      Job job = client.job(id);
      if (Terminal.interactive()) {
        if (job.isEnded() || job.state().equals("PENDING")) { // a held job waits for a start, not for time: shown once
          new LiveJobView(System.out, Clock.systemUTC(), Terminal.width(System.getenv("COLUMNS"))).finish(job, false);
        } else {
          followLive(client, id, System.out, false);
        }
        return 0;
      }
      System.out.println(JobHeadline.of(job));
      if (job.result() != null) System.out.println("result: " + Terminal.line(job.result()));
      if (job.error() != null) System.out.println("error: " + Terminal.line(job.error()));
      for (TaskRun run : job.execution()) {
        System.out.println(Terminal.line(String.format("  %d. %-30s %-10s attempt %d%s", run.position(),
            run.name(), run.state(), run.attempt(), run.error() != null ? "  " + run.error() : "")));
      }
      return 0;
    }
  }

  @Command(name = "logs", description = {"Print a job's output, under a [task] heading per task run (and attempt).",
      "With -f, keeps printing until the job ends, also across a restart of the server."})
  static final class Logs implements Callable<Integer> {
    @Mixin ClientOptions options;
    @Parameters(paramLabel = "JOB_ID") String id;
    @Option(names = {"-f", "--follow"}, description = "keep printing new output until the job ends") boolean follow;

    @Override
    public Integer call() throws InterruptedException {
      GantryClient client = options.client();
      TaskRunPrinter printer = new TaskRunPrinter(System.out, () -> client.job(id), false);
      if (follow) {
        LiveLog.follow(client, id, printer::part, System.err);
        printer.end(null);
      } else {
        printer.end(LogPages.each(client, id, printer::part));
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
      System.out.println("cancelled " + Terminal.line(id));
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
      System.out.println("restarted " + Terminal.line(id));
      return 0;
    }
  }

  /**
   * The live view of a job on a terminal until it ends ({@link LiveJobView}): the tree polled,
   * the log streamed; then the final tree and, {@code withLog}, the whole log. 0 if the job
   * completed, 1 otherwise.
   */
  static int followLive(GantryClient client, String id, PrintStream out, boolean withLog) throws InterruptedException {
    LiveJobView view = new LiveJobView(out, Clock.systemUTC(), Terminal.width(System.getenv("COLUMNS")));
    ScheduledExecutorService poller = poller();
    poller.scheduleWithFixedDelay(() -> {
      try {
        view.job(client.job(id));
      } catch (RuntimeException e) {
        // The server may be restarting; the log stream says so and reconnects, the next poll catches up.
      }
    }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    try {
      LiveLog.follow(client, id, view::part, view::notice);
    } finally {
      poller.shutdownNow();
      poller.awaitTermination(5, TimeUnit.SECONDS);
    }
    Job job = client.job(id);
    view.finish(job, withLog);
    if (withLog) {
      out.println(Terminal.line("job " + id + " " + job.state() + (job.result() != null ? ": " + job.result() : "")));
    }
    return job.state().equals("COMPLETED") ? 0 : 1;
  }

  private static ScheduledExecutorService poller() {
    return Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "gantry-state-poller");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Prints the job's output live, each task run's under its state line, until the job ends; 0 if
   * it completed, 1 otherwise. The output comes from the live log stream; the states are polled.
   */
  static int followJob(GantryClient client, String id, PrintStream out) throws InterruptedException {
    TaskRunPrinter printer = new TaskRunPrinter(out, () -> client.job(id), true);
    ScheduledExecutorService poller = poller();
    poller.scheduleWithFixedDelay(() -> {
      try {
        Job job = client.job(id);
        printer.progress(job, LogPages.newestPartId(client, id)); // the job first: the parts stored before it are then all counted
      } catch (RuntimeException e) {
        // The server may be restarting; the log stream reconnects and the next poll catches up.
      }
    }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    try {
      LiveLog.follow(client, id, printer::part, System.err);
    } finally {
      poller.shutdownNow();
      poller.awaitTermination(5, TimeUnit.SECONDS);
    }
    Job job = client.job(id);
    printer.end(job);
    String state = job.state();
    out.println(Terminal.line("job " + id + " " + state + (job.result() != null ? ": " + job.result() : "")));
    return state.equals("COMPLETED") ? 0 : 1;
  }
}
