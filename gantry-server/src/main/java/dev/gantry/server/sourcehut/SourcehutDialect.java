package dev.gantry.server.sourcehut;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.SessionJobs;
import dev.gantry.core.engine.UserSecrets;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobNumber;
import dev.gantry.core.job.StepRun;
import dev.gantry.core.job.UserSecret;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.MediaType;
import dev.gantry.server.RequestBody;
import dev.gantry.server.RequestRejectedException;
import dev.gantry.server.ServerSettings;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * builds.sr.ht's legacy REST API at {@code /api/jobs}: a build manifest becomes one session job (its
 * tasks in one environment), named by an integer id (the job's number; the native API shows the
 * same job under its own id). Logs are plain text at {@code /logs/{id}/log} and
 * {@code /logs/{id}/{task}/log}. Errors are {@code {"errors": [{"field", "reason"}]}}.
 */
public final class SourcehutDialect implements HttpDialect {

  /** How the jobs of this dialect are marked ({@code dialect:sourcehut} finds them). */
  static final String DIALECT = "sourcehut";

  static final String MANIFEST = "sourcehut.manifest";
  /** Where clients reached the server when the job was submitted: the base of its URLs. */
  static final String BASE = "sourcehut.base";
  static final int PER_PAGE = 50;
  /** Every build's job name starts so, then its image. */
  static final String NAME_PREFIX = "sourcehut ";

  private final JobService jobs;
  private final SessionJobs sessions;
  private final SourcehutSettings settings;
  private final long maxRequestBytes;
  private final UserSecrets userSecrets;
  private final BuildLookup builds;
  private final SourcehutGroups groupEndpoints;
  private final BuildOutputs outputs;
  private final SecretEndpoint secretEndpoint;
  private final PublicBase base;

  public SourcehutDialect(JobService jobs, ServerSettings server, SourcehutSettings settings) {
    this.jobs = jobs;
    this.sessions = jobs.sessions();
    this.settings = settings;
    this.maxRequestBytes = server.maxRequestBytes();
    this.userSecrets = jobs.userSecrets();
    this.builds = new BuildLookup(jobs, sessions);
    this.groupEndpoints = new SourcehutGroups(jobs, jobs.groups(), builds, maxRequestBytes,
        settings.smtp() != null);
    this.base = new PublicBase(settings.publicUrl());
    this.outputs = new BuildOutputs(sessions, builds, base);
    this.secretEndpoint = new SecretEndpoint(userSecrets, maxRequestBytes);
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/api/jobs", "/api/job-group", "/logs", "/secrets");
  }

  @Override
  public void register(DialectRoutes routes) {
    routes
        .post("/api/jobs", this::submit)
        .get("/api/jobs", this::list)
        .get("/api/jobs/{id}", this::show)
        .get("/api/jobs/{id}/manifest", this::manifest)
        .post("/api/jobs/{id}/start", this::start)
        .post("/api/jobs/{id}/cancel", this::cancel);
    outputs.register(routes);
    secretEndpoint.register(routes);
    groupEndpoints.register(routes);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    SourcehutErrors.render(ctx, error);
  }

  private void submit(Context ctx) {
    MediaType type = MediaType.parse(ctx.header("Content-Type"));
    if (type != null && (!type.type().equals("application/json") || !type.isUtf8())) {
      throw new RequestRejectedException(415, "send the job as UTF-8 JSON (Content-Type: application/json)");
    }
    SubmitRequest request = SubmitRequest.read(RequestBody.utf8(ctx, maxRequestBytes));
    Manifest manifest = ManifestReader.read(request.manifest());
    Principal caller = Callers.of(ctx);
    List<UserSecret> secrets = request.secrets() && !manifest.secrets().isEmpty()
        ? userSecrets.resolve(caller, manifest.secrets(), "manifest") : List.of();
    List<EndTrigger> triggers = SourcehutTriggers.of(manifest.triggers(), settings.smtp() != null, "triggers");
    if (manifest.shell() && settings.shellKeep().isZero()) {
      throw new InvalidJobException("manifest", "shell: this server keeps no build environments (--shell-keep 0)");
    }
    SourcehutImages.Image image = settings.images().of(manifest.image());
    String base = this.base.of(ctx);
    JobSpec spec = BuildSpec.of(request, manifest, image, base, secrets, triggers, settings.buildTimeout(),
        settings.keep(manifest.shell()));
    Job job = request.execute() ? jobs.submit(caller, spec) : jobs.submitHeld(caller, spec);
    long number = sessions.number(job.id());
    SourcehutJobView view = SourcehutJobView.of(job, number, List.of(), base);
    // sourcehut's answer to a submit has no status.
    JsonResponses.write(ctx, 200, new SubmitView(view.id(), view.setup_log(), view.tasks(), view.note(), view.runner(),
        view.tags(), view.owner()));
  }

  /** The answer to a submit: the job without {@code status}. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
  record SubmitView(long id, String setup_log, List<SourcehutJobView.TaskView> tasks, String note, String runner,
      String tags, SourcehutJobView.OwnerView owner) {}

  private void list(Context ctx) {
    Principal caller = Callers.of(ctx);
    long start = startParameter(ctx);
    // The dialect selects in SQL, so that every page holds PER_PAGE builds and "next" is the first of the next.
    List<JobNumber> page = sessions.ownJobs(caller, DIALECT, start, PER_PAGE + 1);
    List<SourcehutJobView> results = new ArrayList<>();
    for (JobNumber n : page.subList(0, Math.min(PER_PAGE, page.size()))) {
      results.add(view(caller, jobs.job(caller, n.jobId()), n.number(), base.of(ctx)));
    }
    String next = page.size() > PER_PAGE ? Long.toString(page.get(PER_PAGE).number()) : null;
    JsonResponses.write(ctx, 200, new PageView(next, results, sessions.ownJobCount(caller, DIALECT), PER_PAGE));
  }

  /** sourcehut's paginated list: {@code next} is the id to start the next page at, null on the last. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
  record PageView(String next, List<?> results, long total, int results_per_page) {}

  private void show(Context ctx) {
    Principal caller = Callers.of(ctx);
    long number = BuildLookup.number(ctx);
    Job job = builds.readable(caller, number);
    JsonResponses.write(ctx, 200, view(caller, job, number, base.of(ctx)));
  }

  private void manifest(Context ctx) {
    Job job = builds.readable(Callers.of(ctx), BuildLookup.number(ctx));
    ctx.status(200).contentType("text/plain; charset=utf-8").result(job.spec().annotations().getOrDefault(MANIFEST, ""));
  }

  private void start(Context ctx) {
    Principal caller = Callers.of(ctx);
    long number = BuildLookup.number(ctx);
    Job job = builds.writable(caller, number);
    jobs.start(caller, job.id());
    JsonResponses.write(ctx, 200, Map.of());
  }

  private void cancel(Context ctx) {
    Principal caller = Callers.of(ctx);
    long number = BuildLookup.number(ctx);
    Job job = builds.writable(caller, number);
    jobs.cancel(caller, job.id());
    JsonResponses.write(ctx, 200, Map.of());
  }

  private SourcehutJobView view(Principal caller, Job job, long number, String base) {
    List<StepRun> steps = sessions.steps(caller, job.id());
    return SourcehutJobView.of(job, number, steps, base);
  }

  private static long startParameter(Context ctx) {
    String start = ctx.queryParam("start");
    if (start == null || start.isBlank()) {
      return Long.MAX_VALUE;
    }
    if (!start.strip().matches("\\d{1,18}")) {
      throw new InvalidJobException("start", "must be a job id (a whole number), not '" + Echo.of(start) + "'");
    }
    return Long.parseLong(start.strip());
  }
}
