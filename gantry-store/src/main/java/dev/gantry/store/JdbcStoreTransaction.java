package dev.gantry.store;

import dev.gantry.core.cluster.WorkspacePinning;
import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.OutboxRules;
import dev.gantry.core.spi.StoreTransaction;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The writes of one {@link JdbcStore#inTransaction} call, all on its one connection. */
final class JdbcStoreTransaction implements StoreTransaction {

  private final SqlSession sql;
  private final JobRows jobs;
  private final RunRows runs;
  private final DeliveryRows deliveries;
  private final EnginePins pins;
  private int insertedJobs;
  /** The state each job's row holds now, for the jobs this transaction locked or wrote. */
  private final Map<String, JobState> states = new HashMap<>();
  /** The jobs this transaction locked or wrote that have task webhooks: their new runs are marked so. */
  private final Set<String> withTaskWebhooks = new HashSet<>();

  JdbcStoreTransaction(SqlSession sql, JobRows jobs, RunRows runs, DeliveryRows deliveries, EnginePins pins) {
    this.sql = sql;
    this.pins = pins;
    this.jobs = jobs;
    this.runs = runs;
    this.deliveries = deliveries;
  }

  @Override
  public Optional<Job> lockJob(String id) {
    Optional<Job> job = jobs.lock(sql, id);
    job.ifPresent(j -> {
      states.put(j.id(), j.state());
      noteWebhooks(j);
    });
    return job;
  }

  @Override
  public void insertJobs(List<Job> newJobs) {
    jobs.insert(sql, newJobs);
    insertedJobs += newJobs.size();
    for (Job job : newJobs) {
      noteWebhooks(job);
      if (job.state().isTerminal()) {
        JobRetention.marked(sql, job, null); // every task skipped: it ended as it was stored
      }
    }
  }

  private void noteWebhooks(Job job) {
    if (OutboxRules.hasTaskStateWebhooks(job.spec())) {
      withTaskWebhooks.add(job.id());
    }
  }

  @Override
  public void updateJob(Job job) {
    JobState before = states.get(job.id());
    jobs.update(sql, job, before);
    JobRetention.marked(sql, job, before);
    if (job.state().isTerminal() && (before == null || !before.isTerminal()) && WorkspacePinning.pins(job.spec())) {
      pins.unpin(sql, job.id()); // its workspace goes with it; a restart pins it again
    }
    states.put(job.id(), job.state());
  }

  @Override
  public List<TaskRun> runsOf(String jobId) {
    return runs.ofJob(sql, jobId);
  }

  @Override
  public void insertRuns(List<TaskRun> newRuns) {
    runs.insert(sql, newRuns, withTaskWebhooks::contains);
  }

  @Override
  public void updateRun(TaskRun run) {
    runs.update(sql, run);
  }

  @Override
  public Optional<TaskRun> findRun(String runId) {
    return runs.find(sql, runId);
  }

  @Override
  public List<TaskRun> activeRuns(String jobId, NodePath under) {
    return runs.active(sql, jobId, under);
  }

  @Override
  public List<CompositeNode> nodes(String jobId, List<NodePath> paths) {
    return CompositeRows.find(sql, jobId, paths);
  }

  @Override
  public List<CompositeNode> runningNodes(String jobId, NodePath under) {
    return CompositeRows.running(sql, jobId, under);
  }

  @Override
  public void saveNodes(List<CompositeNode> nodes) {
    CompositeRows.save(sql, nodes);
  }

  @Override
  public Object eachItem(String jobId, NodePath each, int index) {
    return CompositeRows.item(sql, jobId, each, index);
  }

  @Override
  public void deleteNodes(String jobId, NodePath at) {
    CompositeRows.delete(sql, jobId, at);
  }

  @Override
  public boolean advanceSchedule(String scheduleId, Instant from, Instant to) {
    return ScheduleRows.advance(sql, scheduleId, from, to);
  }

  @Override
  public void delayStart(String jobId, Instant startAt) {
    StartRows.insert(sql, jobId, startAt);
  }

  /** A concurrent reservation of the same name makes the later insert hit the key: that one is refused. */
  @Override
  public boolean reserveJobName(String queue, String name, String jobId) {
    if (sql.count("select count(*) from job_names where queue = ? and name = ?", queue, name) > 0) {
      return false;
    }
    try {
      sql.update("insert into job_names (queue, name, job_id) values (?, ?, ?)", queue, name, jobId);
      return true;
    } catch (StoreException e) {
      if ("23505".equals(e.sqlState())) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void startReleased(String jobId) {
    StartRows.released(sql, jobId);
  }

  @Override
  public void insertDeliveries(List<Delivery> newDeliveries) {
    deliveries.insert(sql, newDeliveries);
  }

  @Override
  public Optional<String> lostEngineOf(String jobId, Instant aliveSince) {
    return pins.lostEngineOf(sql, jobId, aliveSince);
  }

  @Override
  public void unpinEngine(String jobId) {
    pins.unpin(sql, jobId);
  }

  /** The writes that sum up the transaction: last, right before the commit. */
  void beforeCommit() {
    JobCount.add(sql, insertedJobs);
  }

  @Override
  public List<dev.gantry.core.job.JobGroup.Ended> groupsEndedBy(String jobId) {
    return JobGroupRows.endedBy(sql, jobId);
  }
}
