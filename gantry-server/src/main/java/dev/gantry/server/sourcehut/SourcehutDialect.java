package dev.gantry.server.sourcehut;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.engine.SessionJobs;
import dev.gantry.core.engine.UserSecrets;
import dev.gantry.core.job.Artifact;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobNumber;
import dev.gantry.core.job.StepRun;
import dev.gantry.core.job.UserSecret;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecValidator;
import dev.gantry.core.spec.SessionPlan;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.MediaType;
import dev.gantry.server.RequestBody;
import dev.gantry.server.RequestRejectedException;
import dev.gantry.server.ServerSettings;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  private static final int PER_PAGE = 50;
  /** Every build's job name starts so, then its image. */
  static final String NAME_PREFIX = "sourcehut ";

  private final JobService jobs;
  private final SessionJobs sessions;
  private final SourcehutSettings settings;
  private final long maxRequestBytes;
  private final UserSecrets userSecrets;
  private final BuildLookup builds;
  private final SourcehutGroups groupEndpoints;

  public SourcehutDialect(JobService jobs, ServerSettings server, SourcehutSettings settings) {
    this.jobs = jobs;
    this.sessions = jobs.sessions();
    this.settings = settings;
    this.maxRequestBytes = server.maxRequestBytes();
    this.userSecrets = jobs.userSecrets();
    this.builds = new BuildLookup(jobs, sessions);
    this.groupEndpoints = new SourcehutGroups(jobs, jobs.groups(), builds, maxRequestBytes);
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
        .post("/api/jobs/{id}/cancel", this::cancel)
        .get("/api/jobs/{id}/artifacts", this::artifacts)
        .get("/api/jobs/{id}/artifacts/{artifact}", this::artifact)
        .get("/logs/{id}/log", this::setupLog)
        .get("/logs/{id}/{task}/log", this::taskLog)
        .post("/secrets", this::storeSecret)
;
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
    if (manifest.shell()) {
      throw new InvalidJobException("manifest", "shell: interactive shells are not available on this server yet");
    }
    SourcehutImages.Image image = settings.images().of(manifest.image());
    String base = base(ctx);
    SessionPlan plan = BuildSession.plan(manifest, image, base + "/api/jobs/", secrets);
    Map<String, String> values = new LinkedHashMap<>();
    secrets.forEach(secret -> values.put(BuildSession.secretName(secret), secret.value()));
    TaskSpec task = new TaskSpec("build", null, image.container(), null, List.of(), List.of(),
        Map.of("HOME", BuildSession.HOME), Map.of(), BuildSession.HOME, null, 0, null, null, null, false, null, null, null,
        plan);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(MANIFEST, request.manifest());
    annotations.put(SourcehutAccess.READ, String.join(",", request.readers()));
    annotations.put(SourcehutAccess.WRITE, String.join(",", request.writers()));
    annotations.put(BASE, base);
    JobSpec spec = JobSpecValidator.validate(new JobSpec(NAME_PREFIX + manifest.image(), request.note(), request.tags(),
        Map.of(), List.of(task), settings.buildTimeout(), null, null, Map.of(), null, false, values,
        SourcehutAccess.of(request.readers(), request.writers()), List.of(), null, DIALECT, annotations, triggers));
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
      results.add(view(caller, jobs.job(caller, n.jobId()), n.number(), base(ctx)));
    }
    String next = page.size() > PER_PAGE ? Long.toString(page.get(PER_PAGE).number()) : null;
    JsonResponses.write(ctx, 200, new PageView(next, results, sessions.ownJobCount(caller, DIALECT), PER_PAGE));
  }

  /** {@code POST /secrets}: stores one of the caller's secrets, answers its uuid (never its value). */
  private void storeSecret(Context ctx) {
    MediaType type = MediaType.parse(ctx.header("Content-Type"));
    if (type != null && (!type.type().equals("application/json") || !type.isUtf8())) {
      throw new RequestRejectedException(415, "send the secret as UTF-8 JSON (Content-Type: application/json)");
    }
    SecretKinds.Request request = SecretKinds.read(RequestBody.utf8(ctx, maxRequestBytes));
    UserSecret stored = userSecrets.store(Callers.of(ctx), request.name(), request.kind(), request.value(), request.path(),
        request.mode());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("uuid", stored.id());
    answer.put("name", stored.name());
    answer.put("type", stored.kind());
    answer.put("created", SourcehutDates.format(stored.createdAt()));
    JsonResponses.write(ctx, 200, answer);
  }

  /** sourcehut's paginated list: {@code next} is the id to start the next page at, null on the last. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
  record PageView(String next, List<?> results, long total, int results_per_page) {}

  private void show(Context ctx) {
    Principal caller = Callers.of(ctx);
    long number = BuildLookup.number(ctx);
    Job job = builds.readable(caller, number);
    JsonResponses.write(ctx, 200, view(caller, job, number, base(ctx)));
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

  private void artifacts(Context ctx) {
    Principal caller = Callers.of(ctx);
    long number = BuildLookup.number(ctx);
    Job job = builds.readable(caller, number);
    List<Map<String, Object>> results = new ArrayList<>();
    for (Artifact a : sessions.artifacts(caller, job.id())) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", a.id());
      entry.put("created", SourcehutDates.format(a.createdAt()));
      entry.put("path", a.path());
      entry.put("name", a.name());
      entry.put("url", base(ctx) + "/api/jobs/" + number + "/artifacts/" + a.id());
      entry.put("size", a.size());
      results.add(entry);
    }
    JsonResponses.write(ctx, 200, new PageView(null, results, results.size(), Math.max(PER_PAGE, results.size())));
  }

  private void artifact(Context ctx) {
    Principal caller = Callers.of(ctx);
    Job job = builds.readable(caller, BuildLookup.number(ctx));
    long id = BuildLookup.parseNumber(ctx.pathParam("artifact"));
    byte[] content = sessions.artifactContent(caller, job.id(), id);
    ctx.status(200).contentType("application/octet-stream").result(content);
  }

  private void setupLog(Context ctx) {
    log(ctx, 0);
  }

  private void taskLog(Context ctx) {
    Principal caller = Callers.of(ctx);
    Job job = builds.readable(caller, BuildLookup.number(ctx));
    List<SessionPlan.Step> steps = job.spec().tasks().get(0).session().steps();
    String task = ctx.pathParam("task");
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).name().equals(task)) {
        plain(ctx, sessions.stepLog(caller, job.id(), i));
        return;
      }
    }
    throw new NotFoundException("task", Echo.of(task));
  }

  private void log(Context ctx, int index) {
    Principal caller = Callers.of(ctx);
    Job job = builds.readable(caller, BuildLookup.number(ctx));
    plain(ctx, sessions.stepLog(caller, job.id(), index));
  }

  private static void plain(Context ctx, String text) {
    ctx.status(200).contentType("text/plain; charset=utf-8").result(text.getBytes(StandardCharsets.UTF_8));
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

  /** Where clients reach this server: --public-url, else the address of this request. */
  private String base(Context ctx) {
    if (settings.publicUrl() != null) {
      return settings.publicUrl().toString().replaceAll("/+$", "");
    }
    return ctx.scheme() + "://" + ctx.host();
  }
}
