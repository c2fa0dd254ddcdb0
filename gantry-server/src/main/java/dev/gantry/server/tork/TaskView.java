package dev.gantry.server.tork;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantry.core.spec.Durations;
import dev.gantry.core.spec.Secrets;
import dev.gantry.core.spec.TaskSpec;
import java.util.List;
import java.util.Map;

/** A task as submitted, in Tork's field names; fields the task does not set are left out. */
record TaskView(
    String name,
    String description,
    String image,
    String run,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> cmd,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> entrypoint,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> env,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> files,
    String workdir,
    String timeout,
    RetryView retry,
    LimitsView limits,
    String queue,
    String network,
    String var,
    @JsonProperty("if") String condition,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MountView> mounts,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> networks,
    @JsonInclude(JsonInclude.Include.NON_NULL) RegistryView registry,
    @JsonInclude(JsonInclude.Include.NON_NULL) String gpus,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SidecarView> sidecars,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TaskView> pre,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TaskView> post,
    @JsonInclude(JsonInclude.Include.NON_NULL) Parallel parallel,
    @JsonInclude(JsonInclude.Include.NON_NULL) Each each,
    @JsonInclude(JsonInclude.Include.NON_NULL) Subjob subjob,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer priority,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags) {

  /** A mount as Tork writes it; {@code readonly} only when set. */
  record MountView(String type, @JsonInclude(JsonInclude.Include.NON_NULL) String source, String target,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean readonly) {}

  /** The registry's user; the password always {@value Secrets#REDACTED}. */
  record RegistryView(String username, String password) {}

  record SidecarView(String name, String image, @JsonInclude(JsonInclude.Include.NON_NULL) String run,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> cmd,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> entrypoint,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> env,
      @JsonInclude(JsonInclude.Include.NON_NULL) ProbeView probe,
      @JsonInclude(JsonInclude.Include.NON_NULL) RegistryView registry) {}

  record ProbeView(String path, int port, String timeout) {}

  /** Tork's {@code subjob}; its secrets redacted. */
  record Subjob(String name, String description, List<TaskView> tasks,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> inputs,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> secrets, String output, boolean detached,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Map<String, Object>> webhooks) {

    static Subjob of(dev.gantry.core.spec.SubjobSpec s) {
      Map<String, String> redacted = new java.util.LinkedHashMap<>();
      s.secrets().keySet().forEach(k -> redacted.put(k, dev.gantry.core.spec.Secrets.REDACTED));
      return new Subjob(s.name(), s.description(), all(s.tasks()), s.inputs(), redacted, s.output(), s.detached(),
          s.webhooks().stream().map(Subjob::headersRedacted).toList());
    }

    /** A sub-job's webhook as the job's own are shown: header values are where receivers' credentials go. */
    private static Map<String, Object> headersRedacted(Map<String, Object> webhook) {
      Map<String, Object> shown = new java.util.LinkedHashMap<>(webhook);
      if (webhook.get("headers") instanceof Map<?, ?> headers && !headers.isEmpty()) {
        Map<String, String> redacted = new java.util.LinkedHashMap<>();
        headers.keySet().forEach(name -> redacted.put(String.valueOf(name), dev.gantry.core.spec.Secrets.REDACTED));
        shown.put("headers", redacted);
      }
      return shown;
    }
  }

  /** Tork's {@code parallel}. */
  record Parallel(List<TaskView> tasks) {}

  /** Tork's {@code each}. */
  record Each(String var, String list, TaskView task, Integer concurrency) {}

  static List<TaskView> all(List<TaskSpec> tasks) {
    return tasks.stream().map(TaskView::of).toList();
  }

  static TaskView of(TaskSpec task) {
    return new TaskView(task.name(), task.description(), task.image(), task.run(), task.cmd(), task.entrypoint(),
        task.env(), task.files(), task.workdir(),
        task.timeout() == null ? null : Durations.format(task.timeout()),
        task.retryLimit() > 0 ? new RetryView(task.retryLimit(), null) : null,
        LimitsView.of(task.limits()),
        task.isComposite() ? null : task.queue(),
        task.network(),
        task.var(),
        task.condition(),
        task.attachments().mounts().stream()
            .map(m -> new MountView(m.type().spelling(), m.source(), m.target(), m.readonly())).toList(),
        task.attachments().networks(),
        task.attachments().registry() == null ? null
            : new RegistryView(task.attachments().registry().username(), Secrets.REDACTED),
        task.attachments().gpus(),
        task.attachments().sidecars().stream()
            .map(s -> new SidecarView(s.name(), s.image(), s.run(), s.cmd(), s.entrypoint(), s.env(), s.probe() == null ? null
                : new ProbeView(s.probe().path(), s.probe().port(), Durations.format(s.probe().timeout())),
                s.registry() == null ? null : new RegistryView(s.registry().username(), Secrets.REDACTED))).toList(),
        all(task.pre()),
        all(task.post()),
        task.parallel() == null ? null : new Parallel(all(task.parallel().tasks())),
        task.each() == null ? null : new Each(task.each().var(), task.each().list(), of(task.each().task()),
            task.each().concurrency()),
        task.subjob() == null ? null : Subjob.of(task.subjob()),
        task.priority(),
        task.tags());
  }
}
