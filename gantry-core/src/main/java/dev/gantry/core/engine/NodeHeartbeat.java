package dev.gantry.core.engine;

import dev.gantry.core.cluster.Node;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this process as a node, heartbeats it with its load every period, and deregisters it
 * (OFFLINE, kept for a while so the operator sees it left) when closed. A heartbeat the store
 * does not take is logged and the next one tries again: a node outlives a database restart.
 */
public final class NodeHeartbeat implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

  private final Store store;
  private final Clock clock;
  private final Duration every;
  private final IntSupplier taskCount;
  private final DoubleSupplier cpuPercent;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Threads.named("gantry-heartbeat"));
  private volatile Node node;
  private volatile boolean failing;

  /** {@code node}: as it starts; {@code taskCount} and {@code cpuPercent} are read at each heartbeat. */
  public NodeHeartbeat(Store store, Clock clock, Node node, Duration every, IntSupplier taskCount, DoubleSupplier cpuPercent) {
    this.store = store;
    this.clock = clock;
    this.node = node;
    this.every = every;
    this.taskCount = taskCount;
    this.cpuPercent = cpuPercent;
  }

  /** Registers the node (a failure is a failed start) and starts heartbeating. */
  public NodeHeartbeat start() {
    store.saveNode(node);
    scheduler.scheduleWithFixedDelay(this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  public String nodeId() {
    return node.id();
  }

  private void beat() {
    Node next = node.heartbeat(clock.instant(), every, cpuPercent.getAsDouble(), taskCount.getAsInt());
    try {
      store.saveNode(next);
      node = next;
      if (failing) {
        log.info("heartbeats of node {} are stored again", next.id());
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("could not store the heartbeat of node {} (will keep trying every {}): {}", next.id(), every, e.getMessage());
        failing = true;
      }
    }
  }

  /** Stops heartbeating and marks the node OFFLINE; the node is gone even if that write fails. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
      store.saveNode(node.offline(clock.instant()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("could not deregister node {}; it shows OFFLINE once its heartbeats are missed: {}", node.id(), e.getMessage());
    }
  }
}
