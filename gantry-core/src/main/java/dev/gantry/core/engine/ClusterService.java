package dev.gantry.core.engine;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.auth.Viewer;
import dev.gantry.core.cluster.ClusterLoad;
import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeStatus;
import dev.gantry.core.cluster.QueueLoad;
import dev.gantry.core.cluster.QueueSettings;
import dev.gantry.core.cluster.QueueStats;
import dev.gantry.core.job.JobState;
import dev.gantry.core.spi.Store;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What users see of the processes sharing the store and of the queues; and emptying a queue. The
 * forms taking the caller's {@link Principal} are the dialects': looking needs {@code jobs:read},
 * emptying a queue {@code admin}. Jobs are counted for a caller as its lists show them: only
 * those it may read (admins: all), counted in the store; nodes, queues and their runs are the
 * workers' load, the same for every reader.
 */
public final class ClusterService {

  private static final Logger log = LoggerFactory.getLogger(ClusterService.class);

  private final Store store;
  private final JobService jobs;
  private final JobAccessCheck access;

  public ClusterService(Store store, JobService jobs) {
    this.store = store;
    this.jobs = jobs;
    this.access = new JobAccessCheck(store);
  }

  public List<Node> nodes(Principal caller) {
    caller.require(Scope.JOBS_READ);
    return nodes();
  }

  public List<QueueStats> queues(Principal caller) {
    caller.require(Scope.JOBS_READ);
    return queues();
  }

  public QueueStats queue(Principal caller, String name) {
    caller.require(Scope.JOBS_READ);
    return queue(name);
  }

  /** {@link #load()} with the running jobs {@code caller} may read. */
  public ClusterLoad load(Principal caller) {
    caller.require(Scope.JOBS_READ);
    ClusterLoad all = load();
    Viewer viewer = access.viewer(caller);
    if (viewer.seesAll()) {
      return all;
    }
    long running = store.jobsByState(viewer.grantees()).getOrDefault(JobState.RUNNING, 0L);
    return new ClusterLoad(running, all.tasksRunning(), all.nodesOnline(), all.cpuPercent());
  }

  /** The jobs {@code caller} may read, by state. */
  public Map<JobState, Long> jobsByState(Principal caller) {
    caller.require(Scope.JOBS_READ);
    Viewer viewer = access.viewer(caller);
    return viewer.seesAll() ? jobsByState() : store.jobsByState(viewer.grantees());
  }

  /** {@link #purge(String)} for {@code caller}: it cancels other users' jobs, so it needs {@code admin}. */
  public int purge(Principal caller, String name) {
    caller.require(Scope.ADMIN);
    return purge(name);
  }

  /**
   * Stores the settings {@code change} makes of the queue's current ones (the defaults for a queue
   * without settings); the next claims honour them. It changes the order and pace of other
   * users' jobs, so it needs {@code admin}. Returns the queue as it is now.
   */
  public QueueStats configure(Principal caller, String name, UnaryOperator<QueueSettings> change) {
    caller.require(Scope.ADMIN);
    QueueSettings settings = change.apply(settings(name));
    store.saveQueueSettings(settings);
    log.info("queue {} set: priority {}, max concurrency {}, {}", settings.name(), settings.priority(),
        settings.maxConcurrency() == 0 ? "unlimited" : settings.maxConcurrency(), settings.enabled() ? "enabled" : "disabled");
    return queue(settings.name());
  }

  /** The queue's settings: its own, or the defaults when it has none (InvalidJobException for a malformed name). */
  public QueueSettings settings(String name) {
    return store.queueSettings().stream().filter(q -> q.name().equals(name)).findFirst()
        .orElseGet(() -> QueueSettings.defaults(name));
  }

  /** Every node, UP and OFFLINE (until forgotten), oldest first. */
  public List<Node> nodes() {
    return store.nodes();
  }

  /**
   * The queues that have queued or running runs, a live worker serving them or settings of their
   * own, by name, each with its settings.
   */
  public List<QueueStats> queues() {
    Map<String, QueueStats> byName = new TreeMap<>();
    List<QueueSettings> configured = store.queueSettings();
    for (QueueSettings settings : configured) {
      byName.put(settings.name(), new QueueStats(settings.name(), 0, 0, 0, settings));
    }
    for (QueueLoad load : store.queueLoads()) {
      byName.merge(load.queue(), new QueueStats(load.queue(), load.queued(), load.running(), 0),
          (own, counted) -> counted.withSettings(own.settings()));
    }
    for (Node node : store.nodes()) {
      for (String queue : node.queues()) {
        if (node.serves(queue)) {
          byName.merge(queue, new QueueStats(queue, 0, 0, 1),
              (a, b) -> new QueueStats(queue, a.queued(), a.running(), a.subscribers() + 1, a.settings()));
        }
      }
    }
    return List.copyOf(byName.values());
  }

  /** Jobs and runs running, nodes online and their mean CPU use: three short reads of the store. */
  public ClusterLoad load() {
    long jobsRunning = store.jobsByState().getOrDefault(JobState.RUNNING, 0L);
    long tasksRunning = store.queueLoads().stream().mapToLong(QueueLoad::running).sum();
    List<Node> online = store.nodes().stream().filter(n -> n.status() == NodeStatus.UP).toList();
    double cpu = online.stream().mapToDouble(Node::cpuPercent).average().orElse(0);
    return new ClusterLoad(jobsRunning, tasksRunning, online.size(), cpu);
  }

  /** How many jobs are in each state (states without jobs are absent). */
  public Map<JobState, Long> jobsByState() {
    return store.jobsByState();
  }

  /**
   * One queue; NotFoundException when nothing waits or runs in it, no live worker serves it and it
   * has no settings of its own.
   */
  public QueueStats queue(String name) {
    return queues().stream().filter(q -> q.name().equals(name)).findFirst()
        .orElseThrow(() -> new NotFoundException("queue", name));
  }

  /**
   * Cancels every job that has a run waiting in the queue (through {@link JobService#cancel}, so
   * the job and all its runs end consistently); returns how many it cancelled. A job that ended
   * meanwhile is skipped.
   */
  public int purge(String name) {
    queue(name);
    int cancelled = 0;
    for (String jobId : store.jobsQueuedIn(name)) {
      try {
        jobs.cancel(jobId);
        cancelled++;
      } catch (JobStateException | NotFoundException endedMeanwhile) {
        log.debug("job {} of queue {} was not cancelled: {}", jobId, name, endedMeanwhile.getMessage());
      }
    }
    log.info("queue {} purged: {} jobs cancelled", name, cancelled);
    return cancelled;
  }
}
