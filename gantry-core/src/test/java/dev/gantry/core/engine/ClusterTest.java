package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.cluster.Node;
import dev.gantry.core.cluster.NodeRole;
import dev.gantry.core.cluster.NodeStatus;
import dev.gantry.core.cluster.QueueStats;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spi.MaintenanceLock;
import dev.gantry.core.testing.InMemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Nodes, heartbeats, queues and the maintenance lock, over an in-memory store. */
class ClusterTest {

  private final Clock clock = Clock.systemUTC();
  private final InMemoryStore store = new InMemoryStore();
  private final JobService jobs = new JobService(store, new LocalSignals(), clock);
  private final ClusterService cluster = new ClusterService(store, jobs);

  private Node node(String id, NodeRole role, String... queues) {
    return Node.starting(id, role, "host", "1.0", Set.of(queues), clock.instant(), Duration.ofSeconds(5));
  }

  private Job submit(String name, String queue) {
    return jobs.submit(JobSpecReader.read("name: " + name + "\ntasks: [{name: t, image: busybox, queue: " + queue + "}]", Format.YAML));
  }

  @Test
  void aNodeRegistersHeartbeatsAndGoesOfflineWhenClosed() {
    AtomicInteger tasks = new AtomicInteger(0);
    NodeHeartbeat heartbeat = new NodeHeartbeat(store, clock, node("w1", NodeRole.WORKER, "default"),
        Duration.ofMillis(50), tasks::get, () -> 42.0).start();
    assertThat(store.nodes()).extracting(Node::status).containsExactly(NodeStatus.UP);

    tasks.set(2);
    await().atMost(Duration.ofSeconds(30)).until(() -> store.nodes().get(0).taskCount() == 2);
    assertThat(store.nodes().get(0).cpuPercent()).isEqualTo(42.0);

    heartbeat.close();
    assertThat(store.nodes()).extracting(Node::status).containsExactly(NodeStatus.OFFLINE);
  }

  @Test
  void theReaperMarksNodesOfflineWhoseHeartbeatsStoppedAndForgetsThemLater() {
    Instant longAgo = clock.instant().minus(NodeReaper.FORGET_AFTER).minusSeconds(60);
    store.saveNode(Node.starting("silent", NodeRole.WORKER, "host", "1.0", Set.of("default"), clock.instant().minusSeconds(60),
        Duration.ofSeconds(5)));
    store.saveNode(node("alive", NodeRole.SERVER));
    store.saveNode(node("left", NodeRole.WORKER, "default").offline(longAgo));

    new NodeReaper(store, clock).run();

    assertThat(store.nodes()).extracting(Node::id, Node::status)
        .containsExactlyInAnyOrder(tuple("silent", NodeStatus.OFFLINE), tuple("alive", NodeStatus.UP));
  }

  @Test
  void queuesShowWhatWaitsWhatRunsAndWhoServesThem() {
    store.saveNode(node("w1", NodeRole.WORKER, "default", "gpu"));
    store.saveNode(node("w2", NodeRole.WORKER, "default"));
    store.saveNode(node("gone", NodeRole.WORKER, "arm").offline(clock.instant()));
    store.saveNode(node("s1", NodeRole.SERVER));
    submit("a", "special");
    submit("b", "special");
    submit("c", "default");
    store.claimNext(Set.of("default"), "w1", clock.instant(), clock.instant().plusSeconds(30)).orElseThrow();

    assertThat(cluster.queues()).containsExactly(
        new QueueStats("default", 0, 1, 2), new QueueStats("gpu", 0, 0, 1), new QueueStats("special", 2, 0, 0));
    assertThat(cluster.queue("special")).isEqualTo(new QueueStats("special", 2, 0, 0));
    assertThatThrownBy(() -> cluster.queue("arm")).isInstanceOf(NotFoundException.class).hasMessage("queue arm not found");
  }

  @Test
  void purgingAQueueCancelsTheJobsWaitingInIt() {
    Job a = submit("a", "special");
    Job b = submit("b", "special");
    Job other = submit("c", "default");

    assertThat(cluster.purge("special")).isEqualTo(2);

    assertThat(jobs.job(a.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(jobs.job(b.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(jobs.job(other.id()).state()).isEqualTo(JobState.QUEUED);
    assertThatThrownBy(() -> cluster.queue("special")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void maintenanceRunsOnlyWhileTheLockIsHeld() {
    AtomicBoolean held = new AtomicBoolean(false);
    AtomicInteger rounds = new AtomicInteger();
    MaintenanceLock lock = held::get;
    Runnable task = new Maintenance(lock).whileHolding(rounds::incrementAndGet);

    task.run();
    held.set(true);
    task.run();
    task.run();

    assertThat(rounds).hasValue(2);
    new Maintenance(MaintenanceLock.alone()).whileHolding(rounds::incrementAndGet).run();
    assertThat(rounds).hasValue(3);
  }
}
