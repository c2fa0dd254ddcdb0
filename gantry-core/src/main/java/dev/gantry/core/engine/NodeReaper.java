package dev.gantry.core.engine;

import dev.gantry.core.cluster.Node;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks nodes OFFLINE once their heartbeats stopped (killed, cut off, machine lost), and forgets
 * nodes that have been gone for {@link #FORGET_AFTER}, so that a cluster whose workers come and
 * go does not list them forever. The runs such a node held are the {@link LeaseReaper}'s.
 */
public final class NodeReaper implements Runnable {

  public static final Duration FORGET_AFTER = Duration.ofHours(1);
  private static final Logger log = LoggerFactory.getLogger(NodeReaper.class);

  private final Store store;
  private final Clock clock;

  public NodeReaper(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void run() {
    Instant now = clock.instant();
    for (Node node : store.markNodesOffline(now)) {
      log.warn("node {} ({} on {}) stopped heartbeating at {}: it is OFFLINE", node.id(),
          node.role().name().toLowerCase(), node.hostname(), node.lastHeartbeatAt());
    }
    store.forgetNodes(now.minus(FORGET_AFTER));
  }
}
