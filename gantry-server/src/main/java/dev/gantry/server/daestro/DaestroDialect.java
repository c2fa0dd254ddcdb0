package dev.gantry.server.daestro;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.cluster.QueueNames;
import dev.gantry.core.definition.DefinitionService;
import dev.gantry.core.definition.JobDefinition;
import dev.gantry.core.engine.ClusterService;
import dev.gantry.core.engine.Ids;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.Page;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.QueryParameters;
import dev.gantry.server.RequestBody;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Daestro's client API (seed 004): {@code POST /v1/client/job} makes a job of a versioned job
 * definition in a queue, {@code GET /v1/client/job/{id}} shows it in Daestro's states. Where
 * Daestro's documentation is silent these are Gantry's: {@code POST /v1/client/job/{id}/cancel},
 * {@code GET /v1/client/job?queue=&state=&page=} and {@code GET /v1/client/job/{id}/logs}. Errors are {@code {"ok": false, "message"}}.
 */
public final class DaestroDialect implements HttpDialect {

  /** The log lines one answer of {@code /logs} holds at most: the newest. */
  static final int LOG_PARTS = 1000;

  private final JobService jobs;
  private final DefinitionService definitions;
  private final ClusterService cluster;
  private final long maxRequestBytes;

  public DaestroDialect(JobService jobs, DefinitionService definitions, ClusterService cluster, long maxRequestBytes) {
    this.jobs = jobs;
    this.definitions = definitions;
    this.cluster = cluster;
    this.maxRequestBytes = maxRequestBytes;
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/v1/client");
  }

  @Override
  public void register(DialectRoutes routes) {
    routes
        .post("/v1/client/job", this::submit)
        .get("/v1/client/job", this::list)
        .get("/v1/client/job/{id}", this::detail)
        .post("/v1/client/job/{id}/cancel", this::cancel)
        .get("/v1/client/job/{id}/logs", this::logs);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    DaestroErrors.render(ctx, error);
  }

  private void submit(Context ctx) {
    Principal caller = Callers.of(ctx);
    DaestroJobRequest request = DaestroJobReader.read(RequestBody.utf8(ctx, maxRequestBytes));
    JobDefinition definition = definition(caller, request);
    try {
      cluster.queue(caller, request.queue());
    } catch (NotFoundException e) {
      throw new InvalidJobException("job_queue", "no queue '" + Echo.of(request.queue()) + "': a queue exists once it has"
          + " settings (PUT /queues/{name}), a worker serving it or jobs in it");
    }
    String id = uuid(Ids.newId());
    JobSpec spec = DaestroJobSpec.of(id, request, definition);
    jobs.submitNamed(caller, id, spec, request.scheduleAt(), request.name() == null ? null : request.queue());
    JsonResponses.write(ctx, 202, DaestroAnswer.of(Map.of("id", id)));
  }

  private JobDefinition definition(Principal caller, DaestroJobRequest request) {
    try {
      return definitions.version(caller, request.definition().name(), request.definition().version());
    } catch (NotFoundException e) {
      boolean known = !definitionVersions(caller, request.definition().name()).isEmpty();
      throw new InvalidJobException("job_definition", (known ? "no version " + request.definition().version() + " of '"
          : "no job definition '") + request.definition().name() + (known ? "'" : "': create it with POST /definitions"));
    }
  }

  private List<JobDefinition> definitionVersions(Principal caller, String name) {
    try {
      return definitions.versions(caller, name);
    } catch (NotFoundException e) {
      return List.of();
    }
  }

  private void detail(Context ctx) {
    Principal caller = Callers.of(ctx);
    String id = id(ctx);
    JsonResponses.write(ctx, 200, DaestroAnswer.of(view(caller, jobs.job(caller, id))));
  }

  /**
   * Daestro's jobs, newest first, 20 a page: of one queue and in one state when {@code queue} and
   * {@code state} say so. A page is a page of the job index's matches; the state is checked on each.
   */
  private void list(Context ctx) {
    Principal caller = Callers.of(ctx);
    int page = QueryParameters.integer(ctx, "page", 1, 1, 1_000_000);
    StringBuilder q = new StringBuilder("tag:" + DaestroJobSpec.TAG);
    String queue = ctx.queryParam("queue");
    if (queue != null && !queue.isEmpty()) {
      if (!QueueNames.isWellFormed(queue)) {
        throw new InvalidJobException("queue", QueueNames.RULE);
      }
      q.append(" tag:").append(queue);
    }
    String state = ctx.queryParam("state");
    if (state != null && !state.isEmpty()) {
      String words = DaestroStates.searchWords(state);
      if (words == null) {
        throw new InvalidJobException("state", "'" + Echo.of(state) + "' is no Daestro state (submitted, pending, runnable,"
            + " starting, running, cancelling, completed, failed, error, cancelled or timeout)");
      }
      q.append(' ').append(words);
    }
    Page<Job> found = jobs.list(caller, JobQuery.parse(q.toString(), page, JobQuery.MAX_SIZE));
    List<DaestroJobView> views = new ArrayList<>();
    for (Job job : found.items()) {
      DaestroJobView view = view(caller, job);
      if (state == null || state.isEmpty() || view.state().equals(state)) {
        views.add(view);
      }
    }
    JsonResponses.write(ctx, 200, DaestroAnswer.of(Map.of("jobs", views, "page", page, "pages", found.totalPages())));
  }

  /** Allowed while the job waits or runs; a job that ended is a 400. */
  private void cancel(Context ctx) {
    Principal caller = Callers.of(ctx);
    String id = id(ctx);
    jobs.cancel(caller, id);
    JsonResponses.write(ctx, 200, DaestroAnswer.of(view(caller, jobs.job(caller, id))));
  }

  /** The job's output so far, oldest line first (the newest {@value #LOG_PARTS} parts), its secrets masked as stored. */
  private void logs(Context ctx) {
    Principal caller = Callers.of(ctx);
    String id = id(ctx);
    List<LogPart> newestFirst = jobs.jobLog(caller, id, 1, LOG_PARTS).items();
    List<String> lines = new ArrayList<>();
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      newestFirst.get(i).contents().lines().forEach(lines::add);
    }
    JsonResponses.write(ctx, 200, DaestroAnswer.of(Map.of("id", id, "lines", lines)));
  }

  /** The job as Daestro shows it, from its runs, their containers and its start time. */
  private DaestroJobView view(Principal caller, Job job) {
    return DaestroJobView.of(job, jobs.runs(caller, job.id()), jobs.containers(caller, job.id()),
        jobs.startOf(caller, job.id()).orElse(null));
  }

  /** A version 7 UUID, as Daestro's ids are, in its usual form. */
  static String uuid(String hex) {
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-"
        + hex.substring(20);
  }

  private static String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id)) {
      throw new NotFoundException("job", Echo.of(id));
    }
    return id;
  }
}
