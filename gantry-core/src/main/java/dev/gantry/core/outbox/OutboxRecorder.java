package dev.gantry.core.outbox;

import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobGroup;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transaction that writes, with each job and run change, the outgoing calls it causes
 * ({@link OutboxRules}): so a call is stored exactly when its cause is, and a crash loses neither
 * or both. Every store runs its transactions through one; the engine does not need to know.
 */
public final class OutboxRecorder implements StoreTransaction {

  private final StoreTransaction tx;
  private final Clock clock;
  /** Each job and run as its row holds it now, for those this transaction read or wrote. */
  private final Map<String, Job> jobs = new HashMap<>();
  private final Map<String, TaskRun> runs = new HashMap<>();

  private OutboxRecorder(StoreTransaction tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** {@code tx}, writing the calls its changes cause. */
  public static StoreTransaction around(StoreTransaction tx) {
    return new OutboxRecorder(tx, Clock.systemUTC());
  }

  @Override
  public Optional<Job> lockJob(String id) {
    Optional<Job> job = tx.lockJob(id);
    job.ifPresent(j -> jobs.put(j.id(), j));
    return job;
  }

  @Override
  public void insertJobs(List<Job> newJobs) {
    tx.insertJobs(newJobs);
    for (Job job : newJobs) {
      changed(null, job);
    }
  }

  @Override
  public void updateJob(Job job) {
    tx.updateJob(job);
    changed(jobs.get(job.id()), job);
  }

  @Override
  public List<TaskRun> runsOf(String jobId) {
    List<TaskRun> found = tx.runsOf(jobId);
    found.forEach(run -> runs.put(run.id(), run));
    return found;
  }

  @Override
  public void insertRuns(List<TaskRun> newRuns) {
    tx.insertRuns(newRuns);
    for (TaskRun run : newRuns) {
      changed(null, run);
    }
  }

  @Override
  public void updateRun(TaskRun run) {
    tx.updateRun(run);
    changed(runs.get(run.id()), run);
  }

  @Override
  public Optional<TaskRun> findRun(String runId) {
    Optional<TaskRun> found = tx.findRun(runId);
    found.ifPresent(run -> runs.put(run.id(), run));
    return found;
  }

  @Override
  public List<TaskRun> activeRuns(String jobId, NodePath under) {
    List<TaskRun> found = tx.activeRuns(jobId, under);
    found.forEach(run -> runs.put(run.id(), run));
    return found;
  }

  @Override
  public List<CompositeNode> nodes(String jobId, List<NodePath> paths) {
    return tx.nodes(jobId, paths);
  }

  @Override
  public List<CompositeNode> runningNodes(String jobId, NodePath under) {
    return tx.runningNodes(jobId, under);
  }

  @Override
  public void saveNodes(List<CompositeNode> nodes) {
    tx.saveNodes(nodes);
  }

  @Override
  public Object eachItem(String jobId, NodePath each, int index) {
    return tx.eachItem(jobId, each, index);
  }

  @Override
  public void deleteNodes(String jobId, NodePath at) {
    tx.deleteNodes(jobId, at);
  }

  @Override
  public boolean advanceSchedule(String scheduleId, Instant from, Instant to) {
    return tx.advanceSchedule(scheduleId, from, to);
  }

  @Override
  public void delayStart(String jobId, Instant startAt) {
    tx.delayStart(jobId, startAt);
  }

  @Override
  public boolean reserveJobName(String queue, String name, String jobId) {
    return tx.reserveJobName(queue, name, jobId);
  }

  @Override
  public void startReleased(String jobId) {
    tx.startReleased(jobId);
  }

  @Override
  public void insertDeliveries(List<Delivery> deliveries) {
    tx.insertDeliveries(deliveries);
  }

  @Override
  public Optional<String> lostEngineOf(String jobId, Instant aliveSince) {
    return tx.lostEngineOf(jobId, aliveSince);
  }

  @Override
  public void unpinEngine(String jobId) {
    tx.unpinEngine(jobId);
  }

  @Override
  public List<JobGroup.Ended> groupsEndedBy(String jobId) {
    return tx.groupsEndedBy(jobId);
  }

  private void changed(Job before, Job after) {
    jobs.put(after.id(), after);
    write(OutboxRules.jobChanged(before, after, clock.instant()));
    if (after.state().isTerminal() && (before == null || !before.state().isTerminal())) {
      for (JobGroup.Ended group : tx.groupsEndedBy(after.id())) {
        write(OutboxRules.groupEnded(group, after, clock.instant()));
      }
    }
  }

  private void changed(TaskRun before, TaskRun after) {
    runs.put(after.id(), after);
    Job job = jobs.get(after.jobId());
    if (job != null) {
      write(OutboxRules.runChanged(job, before, after, clock.instant()));
    }
  }

  private void write(List<Delivery> deliveries) {
    if (!deliveries.isEmpty()) {
      tx.insertDeliveries(deliveries);
    }
  }
}
