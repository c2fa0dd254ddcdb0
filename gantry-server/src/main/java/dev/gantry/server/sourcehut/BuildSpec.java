package dev.gantry.server.sourcehut;

import dev.gantry.core.job.UserSecret;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecValidator;
import dev.gantry.core.spec.SessionPlan;
import dev.gantry.core.spec.TaskSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A submitted manifest as the core's job: one session task in the image's container (its plan:
 * setup, then the manifest's tasks), the installed secrets as the job's secrets, the triggers as its
 * end triggers, and what the dialect keeps as annotations (the manifest as submitted, the access
 * lists, the public base URL). {@code keep} (null: never): how the build's environment is kept for a shell.
 */
final class BuildSpec {

  private BuildSpec() {}

  static JobSpec of(SubmitRequest request, Manifest manifest, SourcehutImages.Image image, String base,
      List<UserSecret> secrets, List<EndTrigger> triggers, Duration timeout, SessionPlan.Keep keep) {
    SessionPlan plan = BuildSession.plan(manifest, image, base + "/api/jobs/", secrets).withKeep(keep);
    Map<String, String> values = new LinkedHashMap<>();
    secrets.forEach(secret -> values.put(BuildSession.secretName(secret), secret.value()));
    TaskSpec task = new TaskSpec("build", null, image.container(), null, List.of(), List.of(),
        Map.of("HOME", BuildSession.HOME), Map.of(), BuildSession.HOME, null, 0, null, null, null, false, null, null, null,
        plan);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(SourcehutDialect.MANIFEST, request.manifest());
    annotations.put(SourcehutAccess.READ, String.join(",", request.readers()));
    annotations.put(SourcehutAccess.WRITE, String.join(",", request.writers()));
    annotations.put(SourcehutDialect.BASE, base);
    return JobSpecValidator.validate(new JobSpec(SourcehutDialect.NAME_PREFIX + manifest.image(), request.note(),
        request.tags(), Map.of(), List.of(task), timeout, null, null, Map.of(), null, false, values,
        SourcehutAccess.of(request.readers(), request.writers()), List.of(), null, SourcehutDialect.DIALECT, annotations,
        triggers));
  }
}
