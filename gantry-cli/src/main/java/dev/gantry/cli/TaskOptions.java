package dev.gantry.cli;

import dev.gantry.core.spec.ByteSize;
import dev.gantry.core.spec.Durations;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.docker.PullPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** How a process runs tasks: {@code standalone} and {@code worker}. */
final class TaskOptions {

  @Option(names = {"--concurrency", "--slots"}, defaultValue = "${env:GANTRY_CONCURRENCY:-${env:GANTRY_SLOTS:-4}}",
      description = "tasks run at once (env GANTRY_CONCURRENCY; default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--queues", defaultValue = "${env:GANTRY_QUEUES:-" + TaskSpec.DEFAULT_QUEUE + "}",
      description = "the queues to take tasks from, comma-separated (env GANTRY_QUEUES; default ${DEFAULT-VALUE})")
  String queues;

  @Option(names = "--docker-host", defaultValue = "${env:DOCKER_HOST:-unix:///var/run/docker.sock}", description = "Docker engine (env DOCKER_HOST), default%n  ${DEFAULT-VALUE}")
  String dockerHost;

  @Option(names = "--pull-policy", defaultValue = "${env:GANTRY_PULL_POLICY:-if-not-present}",
      description = "when to pull task images: always, if-not-present, never (env GANTRY_PULL_POLICY; default ${DEFAULT-VALUE})")
  String pullPolicy;

  @Option(names = "--max-output", defaultValue = "${env:GANTRY_MAX_OUTPUT:-64m}", description = "output kept per task run; the rest is dropped with an [output truncated] line (env GANTRY_MAX_OUTPUT; default ${DEFAULT-VALUE})")
  String maxOutput;

  @Option(names = "--lease", defaultValue = "${env:GANTRY_LEASE:-15s}", description = "how long a task run stays claimed by a worker that stopped renewing it: the time to notice a lost worker (env GANTRY_LEASE; default ${DEFAULT-VALUE})")
  String lease;

  @Option(names = "--shutdown-grace", defaultValue = "${env:GANTRY_SHUTDOWN_GRACE:-10s}", description = "how long a stop waits for running tasks before handing them back to the queue (env GANTRY_SHUTDOWN_GRACE; default ${DEFAULT-VALUE})")
  String shutdownGrace;

  @Option(names = "--cancel-grace", defaultValue = "${env:GANTRY_CANCEL_GRACE:-0s}", description = "how long a stopped task (cancelled, timed out, past --shutdown-grace) has to exit after SIGTERM before SIGKILL; 0s: killed at once (env GANTRY_CANCEL_GRACE; default ${DEFAULT-VALUE}, at most 10m)")
  String cancelGrace;

  GantryConfig.Tasks tasks() {
    return new GantryConfig.Tasks(concurrency, queueSet(), dockerHost, PullPolicy.parse(pullPolicy), ByteSize.parse(maxOutput),
        Durations.parse(lease), Durations.parse(shutdownGrace), cancelGrace.strip().equals("0") ? Duration.ZERO
        : Durations.parse(cancelGrace));
  }

  private Set<String> queueSet() {
    Set<String> names = new LinkedHashSet<>();
    Arrays.stream(queues.split(",")).map(String::strip).filter(q -> !q.isEmpty()).forEach(names::add);
    return names;
  }
}
