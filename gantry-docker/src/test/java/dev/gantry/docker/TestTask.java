package dev.gantry.docker;

import dev.gantry.core.spec.Limits;
import dev.gantry.core.spec.TaskAttachments;
import dev.gantry.core.spec.TaskSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds TaskSpecs for tests: busybox, network none, everything else unset unless given. */
final class TestTask {

  static final String IMAGE = "busybox:latest";

  private String image = IMAGE;
  private String run;
  private List<String> cmd = List.of();
  private List<String> entrypoint = List.of();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, String> files = new LinkedHashMap<>();
  private String workdir;
  private Limits limits = Limits.NONE;
  private String network = "none";
  private TaskAttachments attachments = TaskAttachments.NONE;

  static TestTask script(String run) {
    TestTask task = new TestTask();
    task.run = run;
    return task;
  }

  static TestTask command(String... cmd) {
    TestTask task = new TestTask();
    task.cmd = List.of(cmd);
    return task;
  }

  TestTask image(String image) {
    this.image = image;
    return this;
  }

  TestTask entrypoint(String... entrypoint) {
    this.entrypoint = List.of(entrypoint);
    return this;
  }

  TestTask env(String name, String value) {
    env.put(name, value);
    return this;
  }

  TestTask file(String name, String content) {
    files.put(name, content);
    return this;
  }

  TestTask workdir(String workdir) {
    this.workdir = workdir;
    return this;
  }

  TestTask memory(long bytes) {
    limits = new Limits(limits.cpus(), bytes, limits.memorySwapBytes(), limits.pids());
    return this;
  }

  TestTask network(String network) {
    this.network = network;
    return this;
  }

  TestTask attachments(TaskAttachments attachments) {
    this.attachments = attachments;
    return this;
  }

  Map<String, String> env() {
    return Map.copyOf(env);
  }

  TaskSpec build() {
    return new TaskSpec("test", null, image, run, cmd, entrypoint, env, files, workdir, null, 0, limits, network, null,
        false, null, null, attachments);
  }
}
