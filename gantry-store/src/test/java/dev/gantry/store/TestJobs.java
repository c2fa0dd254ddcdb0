package dev.gantry.store;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.Limits;
import dev.gantry.core.spec.TaskSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders of jobs and task runs for tests: sensible defaults, override what the test is about. */
public final class TestJobs {

  /** A fixed instant at microsecond precision, so it survives a store round-trip unchanged. */
  public static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

  private TestJobs() {}

  public static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  public static JobBuilder aJob() {
    return new JobBuilder();
  }

  /** A queued first run of {@code job}'s first task, on the default queue. */
  public static RunBuilder aRun(Job job) {
    return new RunBuilder(job);
  }

  public static TaskSpec task(String name) {
    return new TaskSpec(name, null, "busybox:latest", "echo " + name, List.of(), List.of(), Map.of(), Map.of(),
        null, null, 0, null, null, null);
  }

  /** A task with every field set: what a lossy spec mapping would drop. */
  public static TaskSpec fullTask() {
    return new TaskSpec("compile", "builds the thing", "registry.example/builder:1.2", "make all\nmake test",
        List.of("make", "all"), List.of("/bin/sh", "-c"), Map.of("GOOS", "linux", "CC", "gcc"),
        Map.of("config/app.yaml", "port: 8080\n", "README", "héllo ✓"), "/shared/src",
        Duration.ofMinutes(90).plusMillis(250), 3, new Limits(1.5, 512L << 20, 1L << 30, 64L), "none", "gpu", true,
        "compiled", "{{ inputs.build == 'yes' }}");
  }

  /** Builds a {@link Job}; {@link #build()} may be called more than once (each gets the same id). */
  public static final class JobBuilder {
    private String id = newId();
    private String name = "build";
    private String description;
    private List<String> tags = List.of();
    private Map<String, String> env = Map.of();
    private List<TaskSpec> tasks = List.of(task("first"));
    private JobState state = JobState.QUEUED;
    private Instant createdAt = T0;
    private String owner;
    private dev.gantry.core.auth.JobAccess access = dev.gantry.core.auth.JobAccess.PRIVATE;

    /** Owned by {@code user}, who may see it, as may {@code readers}. */
    public JobBuilder ownedBy(String user, String... readers) {
      owner = user;
      access = new dev.gantry.core.auth.JobAccess(java.util.Set.of(readers), java.util.Set.of());
      return this;
    }
    private String dialect;

    public JobBuilder id(String value) {
      id = value;
      return this;
    }

    public JobBuilder name(String value) {
      name = value;
      return this;
    }

    public JobBuilder description(String value) {
      description = value;
      return this;
    }

    public JobBuilder tags(String... values) {
      tags = List.of(values);
      return this;
    }

    public JobBuilder env(Map<String, String> values) {
      env = values;
      return this;
    }

    public JobBuilder tasks(TaskSpec... values) {
      tasks = List.of(values);
      return this;
    }

    public JobBuilder state(JobState value) {
      state = value;
      return this;
    }

    public JobBuilder createdAt(Instant value) {
      createdAt = value;
      return this;
    }

    public JobBuilder dialect(String value) {
      dialect = value;
      return this;
    }

    public Job build() {
      JobSpec spec = new JobSpec(name, description, tags, env, tasks).withAccess(access).withDialect(dialect);
      return new Job(id, spec, state, createdAt, null, null, null, 1, null, null, null, null, owner);
    }
  }

  /** Builds a {@link TaskRun} of a job. */
  public static final class RunBuilder {
    private final Job job;
    private String id = newId();
    private int position = 1;
    private int attempt = 1;
    private String queue = TaskSpec.DEFAULT_QUEUE;
    private RunState state = RunState.QUEUED;
    private Instant createdAt = T0;
    private int priority;

    private RunBuilder(Job job) {
      this.job = job;
    }

    public RunBuilder id(String value) {
      id = value;
      return this;
    }

    public RunBuilder position(int value) {
      position = value;
      return this;
    }

    public RunBuilder attempt(int value) {
      attempt = value;
      return this;
    }

    public RunBuilder queue(String value) {
      queue = value;
      return this;
    }

    public RunBuilder state(RunState value) {
      state = value;
      return this;
    }

    public RunBuilder createdAt(Instant value) {
      createdAt = value;
      return this;
    }

    public RunBuilder priority(int value) {
      priority = value;
      return this;
    }

    public TaskRun build() {
      return new TaskRun(id, job.id(), position, attempt, 0, 0, "task-" + position, queue, state, createdAt,
          null, null, null, null, null, null, null, null, priority);
    }
  }
}
