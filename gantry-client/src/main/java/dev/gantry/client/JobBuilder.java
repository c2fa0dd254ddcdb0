package dev.gantry.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A native job from code, for {@link GantryClient#submit}: a name and tasks, each a script run
 * in an image, one after the other.
 *
 * <pre>{@code
 * JobDocument job = JobBuilder.named("hello").tag("demo")
 *     .task("greet", "busybox:latest", "echo hello")
 *     .build();
 * }</pre>
 *
 * The server checks the job as it checks any other; anything this builder has no method for is
 * written in YAML or JSON and sent with {@link JobDocument#yaml} instead.
 */
public final class JobBuilder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode job = JSON.createObjectNode();
  private final ArrayNode tasks;

  private JobBuilder(String name) {
    job.put("name", Objects.requireNonNull(name, "name"));
    tasks = JSON.createArrayNode();
  }

  /** A job named {@code name}. */
  public static JobBuilder named(String name) {
    return new JobBuilder(name);
  }

  /** What the job is for. */
  public JobBuilder description(String description) {
    job.put("description", description);
    return this;
  }

  /** A tag, which searches find with {@code tag:NAME}. */
  public JobBuilder tag(String tag) {
    (job.has("tags") ? (ArrayNode) job.get("tags") : job.putArray("tags")).add(tag);
    return this;
  }

  /** A variable every task of the job sees. */
  public JobBuilder env(String name, String value) {
    (job.has("env") ? (ObjectNode) job.get("env") : job.putObject("env")).put(name, value);
    return this;
  }

  /** The next task: {@code script} run with {@code sh -c} in {@code image}. */
  public JobBuilder task(String name, String image, String script) {
    tasks.addObject().put("name", name).put("image", image).put("run", script);
    return this;
  }

  /** The job as a JSON document. */
  public JobDocument build() {
    ObjectNode copy = job.deepCopy();
    copy.set("tasks", tasks.deepCopy());
    return JobDocument.json(copy.toString());
  }
}
