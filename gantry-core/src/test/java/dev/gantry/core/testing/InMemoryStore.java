package dev.gantry.core.testing;

import dev.gantry.core.cluster.ClaimOrder;
import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeStatus;
import dev.gantry.core.cluster.QueueLoad;
import dev.gantry.core.cluster.QueueSettings;
import dev.gantry.core.cluster.WorkspacePinning;
import dev.gantry.core.job.RunContainer;
import dev.gantry.core.job.CompositeNode;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.job.Artifact;
import dev.gantry.core.job.JobGroup;
import dev.gantry.core.job.JobNumber;
import dev.gantry.core.job.StepRun;
import dev.gantry.core.job.UserSecret;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.job.JobState;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.Page;
import dev.gantry.core.job.RunState;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.outbox.Delivery;
import dev.gantry.core.outbox.DeliveryState;
import dev.gantry.core.outbox.OutboxRecorder;
import dev.gantry.core.schedule.ScheduleState;
import dev.gantry.core.schedule.ScheduledJob;
import dev.gantry.core.spi.Store;
import dev.gantry.core.spi.StoreTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link Store} in memory, for tests that need no database. One lock serialises everything, so
 * it is trivially thread-safe; a transaction keeps an undo log and replays it backwards when the
 * work throws, so a failed transaction leaves no trace (as a database would).
 */
public final class InMemoryStore implements Store, dev.gantry.core.spi.UserStore {

  private final ReentrantLock lock = new ReentrantLock();
  // Insertion sequence numbers give a stable order when timestamps are equal.
  private final Map<String, Stored<Job>> jobs = new HashMap<>();
  private final Map<String, Stored<TaskRun>> runs = new HashMap<>();
  private final Map<String, RunContainer> containers = new LinkedHashMap<>();
  private final List<LogPart> logs = new ArrayList<>();
  private final Map<String, StepRun> steps = new LinkedHashMap<>();
  private final List<Artifact> artifacts = new ArrayList<>();
  private final List<byte[]> artifactBytes = new ArrayList<>();
  private final List<UserSecret> userSecrets = new ArrayList<>();
  private final List<JobGroup> groups = new ArrayList<>();
  /** The groups whose triggers were written: each is ended once. */
  private final java.util.Set<Long> endedGroups = new java.util.HashSet<>();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Stored<ScheduledJob>> schedules = new HashMap<>();
  private final Map<String, QueueSettings> queueSettings = new TreeMap<>();
  private final Map<String, Instant> starts = new HashMap<>();
  private final Set<String> pendingStarts = new HashSet<>();
  private final Set<String> jobNames = new HashSet<>();
  private final Map<String, Set<String>> roles = new HashMap<>();
  private final Map<String, Stored<Delivery>> deliveries = new HashMap<>();
  /** Each held delivery's lease, by id. */
  private final Map<String, Instant> deliveryLeases = new HashMap<>();
  private final Map<String, CompositeNode> composites = new HashMap<>();
  /** An each's items, apart from its row as in the database: a row read carries none. */
  private final Map<String, List<Object>> eachItems = new HashMap<>();
  /** The engine each pinned job keeps to, by job id. */
  private final Map<String, String> jobEngines = new HashMap<>();
  private long sequence;
  private long logIds;
  private volatile boolean healthy = true;
  private Deque<Runnable> undo; // non-null while a transaction is open

  private record Stored<T>(T value, long seq) {}

  private static String nodeKey(String jobId, NodePath path) {
    return jobId + "/" + path.encoded();
  }

  /** Makes {@link #isHealthy()} answer {@code healthy}: to test what callers do when the store is down. */
  public void setHealthy(boolean healthy) {
    this.healthy = healthy;
  }

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    lock.lock();
    try {
      if (undo != null) {
        throw new IllegalStateException("transactions do not nest");
      }
      undo = new ArrayDeque<>();
      try {
        T result = work.apply(OutboxRecorder.around(new Transaction()));
        undo = null;
        return result;
      } catch (RuntimeException | Error e) {
        undo.forEach(Runnable::run); // the deque is filled at its head, so this runs newest first
        undo = null;
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The writes of the open transaction; each records how to take itself back. */
  private final class Transaction implements StoreTransaction {

    @Override
    public Optional<Job> lockJob(String id) {
      return findJob(id);
    }

    @Override
    public void insertJobs(List<Job> newJobs) {
      newJobs.forEach(this::insertOne);
    }

    private void insertOne(Job job) {
      if (jobs.containsKey(job.id())) {
        throw new IllegalStateException("job " + job.id() + " already exists");
      }
      jobs.put(job.id(), new Stored<>(job, ++sequence));
      undo.push(() -> jobs.remove(job.id()));
    }

    @Override
    public void updateJob(Job job) {
      Stored<Job> old = existing(jobs, job.id(), "job");
      jobs.put(job.id(), new Stored<>(job, old.seq()));
      undo.push(() -> jobs.put(job.id(), old));
      if (job.state().isTerminal()) {
        unpinEngine(job.id());
      }
    }

    @Override
    public List<TaskRun> runsOf(String jobId) {
      return InMemoryStore.this.runsOf(jobId);
    }

    @Override
    public void insertRuns(List<TaskRun> newRuns) {
      newRuns.forEach(this::insertOne);
    }

    private void insertOne(TaskRun run) {
      if (runs.containsKey(run.id())) {
        throw new IllegalStateException("task run " + run.id() + " already exists");
      }
      if (!jobs.containsKey(run.jobId())) {
        throw new IllegalStateException("task run " + run.id() + " refers to unknown job " + run.jobId());
      }
      runs.put(run.id(), new Stored<>(run, ++sequence));
      undo.push(() -> runs.remove(run.id()));
    }

    @Override
    public void updateRun(TaskRun run) {
      Stored<TaskRun> old = existing(runs, run.id(), "task run");
      // As the JDBC store's update: a run's progress is only set by recordProgress.
      runs.put(run.id(), new Stored<>(run.withProgress(old.value().progress()), old.seq()));
      undo.push(() -> runs.put(run.id(), old));
    }

    @Override
    public Optional<TaskRun> findRun(String runId) {
      return InMemoryStore.this.findRun(runId);
    }

    @Override
    public List<TaskRun> activeRuns(String jobId, NodePath under) {
      return runsOf(jobId).stream().filter(r -> r.isActive() && (under == null || under.isAbove(r.path()))).toList();
    }

    @Override
    public List<CompositeNode> nodes(String jobId, List<NodePath> paths) {
      return paths.stream().map(p -> composites.get(nodeKey(jobId, p))).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public List<CompositeNode> runningNodes(String jobId, NodePath under) {
      return composites.values().stream()
          .filter(n -> n.jobId().equals(jobId) && n.state() == RunState.RUNNING && !n.path().equals(NodePath.ROOT)
              && (under == null || under.isAbove(n.path())))
          .toList();
    }

    @Override
    public void saveNodes(List<CompositeNode> saved) {
      for (CompositeNode node : saved) {
        if (!jobs.containsKey(node.jobId())) {
          throw new IllegalStateException("node " + node.path() + " refers to unknown job " + node.jobId());
        }
        String key = nodeKey(node.jobId(), node.path());
        CompositeNode old = composites.put(key, node.withoutItems());
        if (old == null && !node.items().isEmpty()) {
          eachItems.put(key, node.items());
        }
        undo.push(() -> {
          if (old == null) {
            composites.remove(key);
            eachItems.remove(key);
          } else {
            composites.put(key, old);
          }
        });
      }
    }

    @Override
    public Object eachItem(String jobId, NodePath each, int index) {
      List<Object> items = eachItems.getOrDefault(nodeKey(jobId, each), List.of());
      return index < items.size() ? items.get(index) : null;
    }

    @Override
    public void deleteNodes(String jobId, NodePath at) {
      for (CompositeNode node : List.copyOf(composites.values())) {
        if (node.jobId().equals(jobId) && (node.path().equals(at) || at.isAbove(node.path()))) {
          String key = nodeKey(jobId, node.path());
          composites.remove(key);
          List<Object> items = eachItems.remove(key);
          undo.push(() -> {
            composites.put(key, node);
            if (items != null) {
              eachItems.put(key, items);
            }
          });
        }
      }
    }

    @Override
    public boolean advanceSchedule(String scheduleId, Instant from, Instant to) {
      Stored<ScheduledJob> old = schedules.get(scheduleId);
      if (old == null || old.value().state() != ScheduleState.ACTIVE || !old.value().nextFireAt().equals(from)) {
        return false;
      }
      ScheduledJob s = old.value();
      schedules.put(scheduleId, new Stored<>(new ScheduledJob(s.id(), s.spec(), s.cron(), s.state(), s.createdAt(), to, s.owner()), old.seq()));
      undo.push(() -> schedules.put(scheduleId, old));
      return true;
    }

    @Override
    public void delayStart(String jobId, Instant startAt) {
      starts.put(jobId, startAt);
      pendingStarts.add(jobId);
      undo.push(() -> {
        starts.remove(jobId);
        pendingStarts.remove(jobId);
      });
    }

    @Override
    public boolean reserveJobName(String queue, String name, String jobId) {
      String key = queue + "\n" + name;
      if (!jobNames.add(key)) {
        return false;
      }
      undo.push(() -> jobNames.remove(key));
      return true;
    }

    @Override
    public void startReleased(String jobId) {
      if (pendingStarts.remove(jobId)) {
        undo.push(() -> pendingStarts.add(jobId));
      }
    }

    @Override
    public void insertDeliveries(List<Delivery> newDeliveries) {
      for (Delivery delivery : newDeliveries) {
        deliveries.put(delivery.id(), new Stored<>(delivery, ++sequence));
        undo.push(() -> deliveries.remove(delivery.id()));
      }
    }

    @Override
    public Optional<String> lostEngineOf(String jobId, Instant aliveSince) {
      return Optional.ofNullable(jobEngines.get(jobId)).filter(engine -> !engineAlive(engine, aliveSince));
    }

    @Override
    public void unpinEngine(String jobId) {
      String engine = jobEngines.remove(jobId);
      if (engine != null) {
        undo.push(() -> jobEngines.put(jobId, engine));
      }
    }

    @Override
    public List<JobGroup.Ended> groupsEndedBy(String jobId) {
      Stored<Job> ended = jobs.get(jobId);
      if (ended == null) {
        return List.of();
      }
      List<JobGroup.Ended> found = new ArrayList<>();
      for (JobGroup group : groups) {
        if (group.triggers().isEmpty() || !group.jobs().contains(ended.seq()) || endedGroups.contains(group.id())) {
          continue;
        }
        List<Job> members = jobs.values().stream().filter(j -> group.jobs().contains(j.seq())).map(Stored::value).toList();
        if (members.stream().allMatch(j -> j.state().isTerminal())) {
          endedGroups.add(group.id());
          undo.push(() -> endedGroups.remove(group.id()));
          found.add(new JobGroup.Ended(group, members.stream().allMatch(j -> j.state() == dev.gantry.core.job.JobState.SUCCEEDED)));
        }
      }
      return found;
    }
  }

  @Override
  public List<String> dueStarts(Instant now, int limit) {
    return locked(() -> pendingStarts.stream().filter(id -> !starts.get(id).isAfter(now))
        .sorted(Comparator.comparing(starts::get)).limit(limit).toList());
  }

  @Override
  public void containerStarted(String runId, String jobId, Instant at) {
    locked(() -> runs.containsKey(runId) ? containers.putIfAbsent(runId, new RunContainer(runId, jobId, at, null)) : null);
  }

  @Override
  public void containerStopped(String runId, Instant at) {
    locked(() -> containers.computeIfPresent(runId, (id, c) -> c.stoppedAt() != null ? c
        : new RunContainer(id, c.jobId(), c.startedAt(), at)));
  }

  @Override
  public List<RunContainer> containersOf(String jobId) {
    return locked(() -> containers.values().stream().filter(c -> c.jobId().equals(jobId) && jobs.containsKey(jobId))
        .sorted(Comparator.comparing(RunContainer::startedAt)).toList());
  }

  @Override
  public Optional<Instant> startOf(String jobId) {
    return locked(() -> Optional.ofNullable(starts.get(jobId)));
  }

  @Override
  public List<Delivery> claimDeliveries(Instant now, Instant leaseUntil, int limit) {
    return locked(() -> {
      List<Delivery> due = deliveries.values().stream()
          .filter(d -> d.value().state() == DeliveryState.PENDING && !d.value().nextAttemptAt().isAfter(now))
          .filter(d -> !deliveryLeases.getOrDefault(d.value().id(), Instant.MIN).isAfter(now))
          .sorted(Comparator.comparing((Stored<Delivery> d) -> d.value().nextAttemptAt()).thenComparing(Stored::seq))
          .limit(limit).map(d -> d.value().claimed()).toList();
      for (Delivery claimed : due) {
        deliveries.put(claimed.id(), new Stored<>(claimed, deliveries.get(claimed.id()).seq()));
        deliveryLeases.put(claimed.id(), leaseUntil);
      }
      return due;
    });
  }

  @Override
  public boolean finishDelivery(Delivery after) {
    return locked(() -> {
      Stored<Delivery> now = deliveries.get(after.id());
      if (now == null || now.value().state() != DeliveryState.PENDING || now.value().attempts() != after.attempts()) {
        return false;
      }
      deliveries.put(after.id(), new Stored<>(after, now.seq()));
      deliveryLeases.remove(after.id());
      return true;
    });
  }

  @Override
  public List<String> jobsToDelete(Instant now, Instant endedBefore, int limit) {
    return locked(() -> jobs.values().stream().map(Stored::value).filter(j -> deletable(j, now, endedBefore))
        .map(Job::id).limit(limit).toList());
  }

  @Override
  public boolean deleteEndedJob(String id) {
    return locked(() -> {
      Stored<Job> job = jobs.get(id);
      if (job == null || !deletable(job.value(), Instant.MAX, Instant.MAX)) {
        return false;
      }
      jobs.remove(id);
      runs.values().removeIf(r -> r.value().jobId().equals(id));
      logs.removeIf(part -> part.jobId().equals(id));
      deliveries.values().removeIf(d -> d.value().jobId().equals(id));
      composites.values().removeIf(n -> n.jobId().equals(id));
      eachItems.keySet().removeIf(key -> key.startsWith(nodeKey(id, NodePath.ROOT)));
      return true;
    });
  }

  private boolean deletable(Job job, Instant now, Instant endedBefore) {
    if (!job.state().isTerminal() || deliveries.values().stream()
        .anyMatch(d -> d.value().jobId().equals(job.id()) && d.value().state() == DeliveryState.PENDING)) {
      return false;
    }
    Instant ended = job.completedAt() != null ? job.completedAt() : job.failedAt() != null ? job.failedAt()
        : job.cancelledAt() != null ? job.cancelledAt() : job.createdAt();
    Duration after = job.spec().autoDeleteAfter();
    return (after != null && !ended.plus(after).isAfter(now)) || (endedBefore != null && ended.isBefore(endedBefore));
  }

  @Override
  public List<Delivery> deliveriesOf(String jobId) {
    return locked(() -> deliveries.values().stream().filter(d -> d.value().jobId().equals(jobId))
        .sorted(Comparator.comparing(Stored::seq)).map(Stored::value).toList());
  }

  @Override
  public void insertSchedule(ScheduledJob schedule) {
    locked(() -> {
      if (schedules.putIfAbsent(schedule.id(), new Stored<>(schedule, ++sequence)) != null) {
        throw new IllegalStateException("scheduled job " + schedule.id() + " already exists");
      }
      return null;
    });
  }

  @Override
  public Optional<ScheduledJob> findSchedule(String id) {
    return locked(() -> Optional.ofNullable(schedules.get(id)).map(Stored::value));
  }

  @Override
  public Page<ScheduledJob> listSchedules(String owner, int page, int size) {
    return locked(() -> page(schedules.values().stream().filter(s -> owner == null || owner.equals(s.value().owner()))
        .sorted(Comparator.comparing((Stored<ScheduledJob> s) -> s.value().createdAt()).thenComparingLong(Stored::seq).reversed())
        .map(Stored::value).toList(), page, size));
  }

  @Override
  public boolean changeScheduleState(String id, ScheduleState expected, ScheduleState state, Instant nextFireAt) {
    return locked(() -> {
      Stored<ScheduledJob> old = schedules.get(id);
      if (old == null || old.value().state() != expected) {
        return false;
      }
      ScheduledJob s = old.value();
      schedules.put(id, new Stored<>(new ScheduledJob(s.id(), s.spec(), s.cron(), state, s.createdAt(), nextFireAt, s.owner()), old.seq()));
      return true;
    });
  }

  @Override
  public boolean deleteSchedule(String id) {
    return locked(() -> schedules.remove(id) != null);
  }

  @Override
  public List<ScheduledJob> dueSchedules(Instant now, int limit) {
    return locked(() -> schedules.values().stream().map(Stored::value)
        .filter(s -> s.state() == ScheduleState.ACTIVE && !s.nextFireAt().isAfter(now))
        .sorted(Comparator.comparing(ScheduledJob::nextFireAt).thenComparing(ScheduledJob::id)).limit(limit).toList());
  }

  private static <T> Stored<T> existing(Map<String, Stored<T>> table, String id, String kind) {
    Stored<T> old = table.get(id);
    if (old == null) {
      throw new IllegalStateException(kind + " " + id + " does not exist");
    }
    return old;
  }

  private boolean engineAlive(String engine, Instant aliveSince) {
    return nodes.values().stream().anyMatch(n -> engine.equals(n.engineId()) && !n.aliveUntil().isBefore(aliveSince));
  }

  @Override
  public List<String> jobsOnLostEngines(Instant aliveSince, int limit) {
    return locked(() -> jobEngines.entrySet().stream().filter(e -> !engineAlive(e.getValue(), aliveSince))
        .map(Map.Entry::getKey).sorted().limit(limit).toList());
  }

  /** Whether a node on {@code engine} may take a run of the job: it is not pinned to another engine. */
  private boolean mayTake(String jobId, String engine) {
    String pinned = jobEngines.get(jobId);
    return pinned == null || pinned.equals(engine);
  }

  @Override
  public Optional<TaskRun> claimNext(Set<String> queues, String nodeId, String engineId, Instant now, Instant leaseUntil) {
    return locked(() -> {
      for (List<QueueSettings> group : ClaimOrder.of(queues, List.copyOf(queueSettings.values()))) {
        Set<String> open = new HashSet<>();
        for (QueueSettings queue : group) {
          long running = runs.values().stream()
              .filter(s -> s.value().state() == RunState.RUNNING && s.value().queue().equals(queue.name())).count();
          if (!queue.limited() || running < queue.maxConcurrency()) {
            open.add(queue.name());
          }
        }
        Optional<Stored<TaskRun>> next = runs.values().stream()
            .filter(s -> s.value().state() == RunState.QUEUED && open.contains(s.value().queue()))
            .filter(s -> mayTake(s.value().jobId(), engineId))
            .min(Comparator.comparing((Stored<TaskRun> s) -> -s.value().priority())
                .thenComparing(s -> s.value().createdAt()).thenComparingLong(Stored::seq));
        if (next.isPresent()) {
          Stored<TaskRun> s = next.get();
          TaskRun claimed = s.value().claimed(nodeId, now, leaseUntil);
          runs.put(s.value().id(), new Stored<>(claimed, s.seq()));
          if (engineId != null && WorkspacePinning.pins(jobs.get(s.value().jobId()).value().spec())) {
            jobEngines.putIfAbsent(s.value().jobId(), engineId);
          }
          // As the JDBC store's claim: the run's start is a task.StateChange of its job's webhooks.
          Stored<Job> job = jobs.get(claimed.jobId());
          if (job != null) {
            for (Delivery call : dev.gantry.core.outbox.OutboxRules.runChanged(job.value(), s.value(), claimed, now)) {
              deliveries.put(call.id(), new Stored<>(call, ++sequence));
            }
          }
          return Optional.of(claimed);
        }
      }
      return Optional.empty();
    });
  }

  @Override
  public void saveQueueSettings(QueueSettings settings) {
    locked(() -> queueSettings.put(settings.name(), settings));
  }

  @Override
  public List<QueueSettings> queueSettings() {
    return locked(() -> List.copyOf(queueSettings.values()));
  }

  @Override
  public boolean renewLease(String runId, String nodeId, Instant leaseUntil) {
    return locked(() -> {
      Stored<TaskRun> s = runs.get(runId);
      if (s == null || s.value().state() != RunState.RUNNING || !nodeId.equals(s.value().nodeId())) {
        return false;
      }
      runs.put(runId, new Stored<>(withLease(s.value(), leaseUntil), s.seq()));
      return true;
    });
  }

  private static TaskRun withLease(TaskRun r, Instant leaseUntil) {
    return new TaskRun(r.id(), r.jobId(), r.position(), r.attempt(), r.retries(), r.lost(), r.name(), r.queue(),
        r.state(), r.createdAt(), r.startedAt(), r.completedAt(), r.nodeId(), leaseUntil, r.exitCode(), r.result(),
        r.error(), r.task(), r.priority(), r.path(), r.rootJobId(), r.progress());
  }

  @Override
  public boolean recordProgress(String runId, double percent, Instant at) {
    return locked(() -> {
      Stored<TaskRun> s = runs.get(runId);
      if (s == null || s.value().state() != dev.gantry.core.job.RunState.RUNNING
          || Double.valueOf(percent).equals(s.value().progress())) {
        return false;
      }
      TaskRun after = s.value().withProgress(percent);
      runs.put(runId, new Stored<>(after, s.seq()));
      Stored<Job> job = jobs.get(after.jobId());
      if (job != null) {
        Job reported = job.value().withReport(after.position(), percent);
        jobs.put(reported.id(), new Stored<>(reported, job.seq()));
        for (Delivery call : dev.gantry.core.outbox.OutboxRules.runProgressed(reported, after, at)) {
          deliveries.put(call.id(), new Stored<>(call, ++sequence));
        }
      }
      return true;
    });
  }

  @Override
  public List<TaskRun> expiredLeases(Instant now) {
    return locked(() -> runs.values().stream().map(Stored::value)
        .filter(r -> r.state() == RunState.RUNNING && r.leaseUntil() != null && r.leaseUntil().isBefore(now))
        .toList());
  }

  @Override
  public Optional<Job> findJob(String id) {
    return locked(() -> Optional.ofNullable(jobs.get(id)).map(Stored::value));
  }

  @Override
  public Optional<TaskRun> findRun(String id) {
    return locked(() -> Optional.ofNullable(runs.get(id)).map(Stored::value));
  }

  @Override
  public List<TaskRun> runsOf(String jobId) {
    return locked(() -> runs.values().stream()
        .filter(s -> s.value().jobId().equals(jobId))
        .sorted(Comparator.comparingInt((Stored<TaskRun> s) -> s.value().position())
            .thenComparing(s -> s.value().path().encoded())
            .thenComparingInt(s -> s.value().attempt()).thenComparingLong(Stored::seq))
        .map(Stored::value)
        .toList());
  }

  @Override
  public Page<Job> listJobs(JobQuery query) {
    return locked(() -> page(jobs.values().stream()
        .filter(s -> matches(s.value(), query))
        .sorted(Comparator.comparing((Stored<Job> s) -> s.value().createdAt()).thenComparingLong(Stored::seq).reversed())
        .map(Stored::value)
        .toList(), query.page(), query.size()));
  }

  @Override
  public Map<JobState, Long> jobsByState() {
    return locked(() -> {
      Map<JobState, Long> counts = new TreeMap<>();
      jobs.values().forEach(s -> counts.merge(s.value().state(), 1L, Long::sum));
      return counts;
    });
  }

  @Override
  public Map<JobState, Long> jobsByState(Set<String> grantees) {
    return locked(() -> {
      Map<JobState, Long> counts = new TreeMap<>();
      jobs.values().stream().map(s -> s.value())
          .filter(job -> job.spec().access().grants(job.owner()).keySet().stream().anyMatch(grantees::contains))
          .forEach(job -> counts.merge(job.state(), 1L, Long::sum));
      return counts;
    });
  }

  @Override
  public Set<String> rolesOf(String user) {
    return locked(() -> roles.entrySet().stream().filter(e -> e.getValue().contains(user)).map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toUnmodifiableSet()));
  }

  /** Makes {@code user} a member of {@code role} (the store of the API tests has no role API of its own). */
  public void joinRole(String role, String user) {
    locked(() -> roles.computeIfAbsent(role, r -> new java.util.HashSet<>()).add(user));
  }

  /** The words a search finds a job by, as the JDBC store indexes them. */
  private static Set<String> searchWords(Job job) {
    Set<String> words = new HashSet<>(JobQuery.wordsOf(job.name(), job.spec().description(), job.state().name()));
    words.add(JobQuery.dialectWord(job.spec().dialect()));
    return words;
  }

  private static boolean matches(Job job, JobQuery query) {
    return !query.matchesNothing()
        && (query.visibleTo() == null || job.spec().access().grants(job.owner()).keySet().stream().anyMatch(query.visibleTo()::contains))
        && searchWords(job).containsAll(query.words())
        && job.spec().tags().containsAll(query.tags());
  }

  @Override
  public LogPart appendLog(String jobId, String runId, int number, LogPart.Stream stream, String contents, Instant at) {
    return locked(() -> {
      LogPart part = new LogPart(++logIds, jobId, runId, number, stream, contents, at);
      logs.add(part);
      return part;
    });
  }

  @Override
  public void insertSteps(List<StepRun> newSteps) {
    locked(() -> {
      newSteps.forEach(step -> steps.put(step.logId(), step));
      return null;
    });
  }

  @Override
  public void updateStep(StepRun step) {
    locked(() -> steps.replace(step.logId(), step));
  }

  @Override
  public List<StepRun> stepsOf(String runId) {
    return locked(() -> steps.values().stream().filter(s -> s.runId().equals(runId))
        .sorted(java.util.Comparator.comparingInt(StepRun::index)).toList());
  }

  @Override
  public Artifact insertArtifact(String jobId, String runId, String path, String name, byte[] content, Instant at) {
    return locked(() -> {
      Artifact artifact = new Artifact(artifacts.size() + 1, jobId, runId, path, name, content.length, at);
      artifacts.add(artifact);
      artifactBytes.add(content.clone());
      return artifact;
    });
  }

  @Override
  public List<Artifact> artifactsOf(String jobId) {
    return locked(() -> artifacts.stream().filter(a -> a.jobId().equals(jobId)).toList());
  }

  @Override
  public Optional<byte[]> artifactContent(long artifactId) {
    return locked(() -> artifactId < 1 || artifactId > artifactBytes.size() ? Optional.<byte[]>empty()
        : Optional.of(artifactBytes.get((int) artifactId - 1).clone()));
  }

  @Override
  public void insertUserSecret(UserSecret secret) {
    locked(() -> userSecrets.add(secret));
  }

  @Override
  public List<UserSecret> userSecretsOf(String owner) {
    return locked(() -> userSecrets.stream().filter(s -> s.owner().equals(owner)).toList());
  }

  @Override
  public JobGroup insertGroup(JobGroup group) {
    return locked(() -> {
      JobGroup stored = group.withId(groups.size() + 1);
      groups.add(stored);
      return stored;
    });
  }

  @Override
  public Optional<JobGroup> findGroup(long id) {
    return locked(() -> groups.stream().filter(g -> g.id() == id).findFirst());
  }

  @Override
  public Optional<Long> jobNumber(String jobId) {
    return locked(() -> Optional.ofNullable(jobs.get(jobId)).map(Stored::seq));
  }

  @Override
  public Optional<String> jobWithNumber(long number) {
    return locked(() -> jobs.values().stream().filter(j -> j.seq() == number).map(j -> j.value().id()).findFirst());
  }

  @Override
  public List<JobNumber> numberedJobsOf(String owner, String dialect, long atMost, int limit) {
    return locked(() -> jobs.values().stream()
        .filter(j -> owner.equals(j.value().owner()) && j.value().spec().dialect().equals(dialect) && j.seq() <= atMost)
        .sorted(java.util.Comparator.comparingLong((Stored<Job> j) -> j.seq()).reversed())
        .limit(limit).map(j -> new JobNumber(j.seq(), j.value().id())).toList());
  }

  @Override
  public long jobCountOf(String owner, String dialect) {
    return locked(() -> jobs.values().stream()
        .filter(j -> owner.equals(j.value().owner()) && j.value().spec().dialect().equals(dialect)).count());
  }

  @Override
  public Page<LogPart> jobLog(String jobId, int page, int size) {
    return newestFirst(p -> p.jobId().equals(jobId), page, size);
  }

  @Override
  public Page<LogPart> runLog(String runId, int page, int size) {
    return newestFirst(p -> p.runId().equals(runId), page, size);
  }

  private Page<LogPart> newestFirst(Predicate<LogPart> filter, int page, int size) {
    return locked(() -> page(logs.stream().filter(filter)
        .sorted(Comparator.comparingLong(LogPart::id).reversed()).toList(), page, size));
  }

  @Override
  public List<LogPart> jobLogAfter(String jobId, long afterId, int limit) {
    return locked(() -> logs.stream()
        .filter(p -> p.jobId().equals(jobId) && p.id() > afterId)
        .limit(limit)
        .toList());
  }

  @Override
  public long lastLogId(String jobId) {
    return locked(() -> logs.stream().filter(p -> p.jobId().equals(jobId)).mapToLong(LogPart::id).max().orElse(0));
  }

  private static <T> Page<T> page(List<T> all, int page, int size) {
    long from = (long) (page - 1) * size;
    List<T> items = from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + size));
    return new Page<>(List.copyOf(items), page, size, all.size());
  }

  @Override
  public List<QueueLoad> queueLoads() {
    return locked(() -> {
      Map<String, long[]> counts = new TreeMap<>();
      for (Stored<TaskRun> s : runs.values()) {
        TaskRun run = s.value();
        if (run.state() == RunState.QUEUED || run.state() == RunState.RUNNING) {
          counts.computeIfAbsent(run.queue(), q -> new long[2])[run.state() == RunState.QUEUED ? 0 : 1]++;
        }
      }
      return counts.entrySet().stream().map(e -> new QueueLoad(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    });
  }

  @Override
  public List<String> jobsQueuedIn(String queue) {
    return locked(() -> runs.values().stream().map(Stored::value)
        .filter(r -> r.state() == RunState.QUEUED && r.queue().equals(queue))
        .map(TaskRun::jobId).distinct().toList());
  }

  @Override
  public void saveNode(Node node) {
    locked(() -> nodes.put(node.id(), node));
  }

  @Override
  public List<Node> nodes() {
    return locked(() -> nodes.values().stream().sorted(Comparator.comparing(Node::startedAt)).toList());
  }

  @Override
  public List<Node> markNodesOffline(Instant now) {
    return locked(() -> {
      List<Node> gone = nodes.values().stream()
          .filter(n -> n.status() == NodeStatus.UP && n.aliveUntil().isBefore(now)).toList();
      gone.forEach(n -> nodes.put(n.id(), new Node(n.id(), n.role(), n.hostname(), n.version(), n.queues(),
          NodeStatus.OFFLINE, n.startedAt(), n.lastHeartbeatAt(), n.aliveUntil(), n.cpuPercent(), n.taskCount(),
          n.engineId())));
      return gone;
    });
  }

  @Override
  public int forgetNodes(Instant cutoff) {
    return locked(() -> {
      List<String> old = nodes.values().stream()
          .filter(n -> n.status() == NodeStatus.OFFLINE && n.lastHeartbeatAt().isBefore(cutoff)).map(Node::id).toList();
      old.forEach(nodes::remove);
      return old.size();
    });
  }

  @Override
  public boolean isHealthy() {
    return healthy;
  }

  @Override
  public String describe() {
    return "in-memory";
  }

  @Override
  public void close() {}

  private <T> T locked(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  // --- users' passwords and roles

  private final Map<String, String> passwords = new HashMap<>();
  private final Map<String, Instant> roleCreated = new HashMap<>();

  @Override
  public boolean insertUser(String name, String passwordHash, Instant at) {
    return locked(() -> passwords.putIfAbsent(name, passwordHash) == null);
  }

  @Override
  public Optional<String> passwordHash(String user) {
    return locked(() -> Optional.ofNullable(passwords.get(user)));
  }

  @Override
  public boolean insertRole(String name, Instant at) {
    return locked(() -> {
      if (roleCreated.containsKey(name)) {
        return false;
      }
      roleCreated.put(name, at);
      roles.putIfAbsent(name, new java.util.HashSet<>());
      return true;
    });
  }

  @Override
  public boolean deleteRole(String name) {
    return locked(() -> {
      roles.remove(name);
      return roleCreated.remove(name) != null;
    });
  }

  @Override
  public List<dev.gantry.core.auth.Role> roles() {
    return locked(() -> roleCreated.keySet().stream().sorted()
        .map(name -> new dev.gantry.core.auth.Role(name, roles.getOrDefault(name, Set.of()), roleCreated.get(name))).toList());
  }

  @Override
  public Optional<dev.gantry.core.auth.Role> findRole(String name) {
    return roles().stream().filter(r -> r.name().equals(name)).findFirst();
  }

  @Override
  public boolean addMember(String role, String user, Instant at) {
    return locked(() -> {
      if (!roleCreated.containsKey(role)) {
        return false;
      }
      roles.computeIfAbsent(role, r -> new java.util.HashSet<>()).add(user);
      return true;
    });
  }

  @Override
  public boolean removeMember(String role, String user) {
    return locked(() -> roles.getOrDefault(role, new java.util.HashSet<>()).remove(user));
  }
}
