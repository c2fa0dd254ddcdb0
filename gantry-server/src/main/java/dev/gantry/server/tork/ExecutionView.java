package dev.gantry.server.tork;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.TaskSpec;
import java.time.Instant;

/**
 * One task run as Tork shows it in {@code execution[]} and at {@code GET /tasks/{id}}. Tork
 * stamps the end of a run as {@code completedAt} or {@code failedAt} by outcome; {@code attempt},
 * {@code exitCode} and {@code path} (the run's node in the job's tree: {@code 1} for the second
 * top-level task, {@code 1.0.3} for the fourth element of an each in a parallel there) are Gantry's additions.
 * {@code progress} is what the task last wrote to {@code $TORK_PROGRESS} (0 to 100), null before it wrote any.
 */
record ExecutionView(
    String id,
    String jobId,
    int position,
    String name,
    String state,
    Instant createdAt,
    Instant scheduledAt,
    Instant startedAt,
    Instant completedAt,
    Instant failedAt,
    String run,
    String image,
    String queue,
    String nodeId,
    String error,
    String result,
    Integer exitCode,
    RetryView retry,
    int attempt,
    String path,
    Double progress) {

  /** The run's task (as evaluated for it, else as {@code job} wrote it) supplies the script, image and retry limit. */
  static ExecutionView of(TaskRun run, Job job) {
    TaskSpec task = run.taskIn(job.spec());
    boolean ok = run.state() == RunState.SUCCEEDED || run.state() == RunState.SKIPPED;
    boolean ended = run.state().isTerminal();
    return new ExecutionView(run.id(), run.jobId(), run.position(), run.name(), TorkStates.of(run.state()),
        run.createdAt(), run.createdAt(), run.startedAt(),
        ended && ok ? run.completedAt() : null,
        ended && !ok ? run.completedAt() : null,
        task.run(), task.image(), run.queue(), run.nodeId(), run.error(), run.result(), run.exitCode(),
        task.retryLimit() > 0 ? new RetryView(task.retryLimit(), run.retries()) : null,
        run.attempt(),
        run.path().toString(),
        run.progress());
  }
}
