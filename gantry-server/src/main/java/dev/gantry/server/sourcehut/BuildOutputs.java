package dev.gantry.server.sourcehut;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.engine.SessionJobs;
import dev.gantry.core.job.Artifact;
import dev.gantry.core.job.Job;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.SessionPlan;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.JsonResponses;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a build leaves to read: its logs, plain text at {@code /logs/{id}/log} (the setup) and
 * {@code /logs/{id}/{task}/log}, live while it runs; its artifacts, listed at
 * {@code /api/jobs/{id}/artifacts} and each downloadable byte for byte from its {@code url}.
 */
final class BuildOutputs {

  private final SessionJobs sessions;
  private final BuildLookup builds;
  private final PublicBase base;

  BuildOutputs(SessionJobs sessions, BuildLookup builds, PublicBase base) {
    this.sessions = sessions;
    this.builds = builds;
    this.base = base;
  }

  void register(DialectRoutes routes) {
    routes
        .get("/api/jobs/{id}/artifacts", this::artifacts)
        .get("/api/jobs/{id}/artifacts/{artifact}", this::artifact)
        .get("/logs/{id}/log", this::setupLog)
        .get("/logs/{id}/{task}/log", this::taskLog);
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
      entry.put("url", base.of(ctx) + "/api/jobs/" + number + "/artifacts/" + a.id());
      entry.put("size", a.size());
      results.add(entry);
    }
    JsonResponses.write(ctx, 200, new SourcehutDialect.PageView(null, results, results.size(),
        Math.max(SourcehutDialect.PER_PAGE, results.size())));
  }

  private void artifact(Context ctx) {
    Principal caller = Callers.of(ctx);
    Job job = builds.readable(caller, BuildLookup.number(ctx));
    long id = BuildLookup.parseNumber(ctx.pathParam("artifact"));
    byte[] content = sessions.artifactContent(caller, job.id(), id);
    ctx.status(200).contentType("application/octet-stream").result(content);
  }

  private void setupLog(Context ctx) {
    Principal caller = Callers.of(ctx);
    Job job = builds.readable(caller, BuildLookup.number(ctx));
    plain(ctx, sessions.stepLog(caller, job.id(), 0));
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

  private static void plain(Context ctx, String text) {
    ctx.status(200).contentType("text/plain; charset=utf-8").result(text.getBytes(StandardCharsets.UTF_8));
  }
}
