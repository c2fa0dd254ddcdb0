package dev.gantry.server.daestro;

import dev.gantry.core.definition.CommandParameters;
import dev.gantry.core.definition.JobDefinition;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.JobSpecValidator;
import dev.gantry.core.spec.RunVariables;
import dev.gantry.core.spec.Secrets;
import dev.gantry.core.spec.TaskAttachments;
import dev.gantry.core.spec.TaskSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core job a Daestro submit makes of a definition: one task running the definition's image
 * with the command ({@code container_cmd} or the definition's) and its {@code Param::} items
 * filled, the definition's env under the request's, sensitive values as the job's secrets
 * (referenced from the env, so that they reach only the container and are masked in its log), and
 * Daestro's variables; the definition's registry credentials (the password sealed among the
 * job's secrets) and its {@code privileged}, which the core's host-access check rules on.
 */
final class DaestroJobSpec {

  /** Every Daestro job carries this tag and its queue's name as tags. */
  static final String TAG = "daestro";
  /** The dialect Daestro's jobs are listed and searched by ({@code dialect:daestro}). */
  static final String DIALECT = "daestro";

  private DaestroJobSpec() {}

  static JobSpec of(String jobId, DaestroJobRequest request, JobDefinition definition) {
    List<String> command = CommandParameters.fill(request.command() != null ? request.command() : definition.command(),
        request.parameters(), definition.parameters(), "container_cmd_parameter");
    Map<String, String> plain = new LinkedHashMap<>(definition.env());
    Map<String, String> secrets = new LinkedHashMap<>(definition.sensitiveEnv());
    request.env().plain().forEach((name, value) -> {
      secrets.remove(name);
      plain.put(name, value);
    });
    request.env().sensitive().forEach((name, value) -> {
      plain.remove(name);
      secrets.put(name, value);
    });
    Map<String, String> env = new LinkedHashMap<>(plain);
    secrets.keySet().forEach(name -> env.put(name, Secrets.reference(name)));
    env.put("DAESTRO_JOB_ID", jobId);
    env.put("DAESTRO_JOB_RUN_ID", RunVariables.RUN_ID);
    env.put("DAESTRO_JOB_QUEUE_NAME", request.queue());
    env.put("DAESTRO_COMPUTE_ENV_NAME", RunVariables.NODE_ID);
    String name = request.name() != null ? request.name() : definition.reference();
    TaskSpec task = new TaskSpec(definition.reference(), null, definition.image(), null, command, List.of(), env, Map.of(),
        null, null, 0, definition.limits(), null, request.queue())
        .withAttachments(TaskAttachments.NONE.withRegistry(definition.registry()).withPrivileged(definition.privileged()));
    Duration timeout = definition.timeoutSeconds() > 0 ? Duration.ofSeconds(definition.timeoutSeconds()) : null;
    // The tags make Daestro's jobs of a queue a search of the job index (GET /v1/client/job?queue=).
    JobSpec spec = new JobSpec(name, null, List.of(TAG, request.queue()), Map.of(), List.of(task), timeout, null, null,
        Map.of(), null, false, secrets).withDialect(DIALECT);
    // The registry password becomes one of the job's secrets, as a Tork task's does.
    return Secrets.sealRegistryPasswords(JobSpecValidator.validate(spec));
  }
}
