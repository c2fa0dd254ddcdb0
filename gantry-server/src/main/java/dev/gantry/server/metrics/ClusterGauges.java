package dev.gantry.server.metrics;

import dev.gantry.core.auth.AccessDeniedException;
import dev.gantry.core.auth.Principal;
import dev.gantry.core.cluster.NodeStatus;
import dev.gantry.core.cluster.QueueStats;
import dev.gantry.core.engine.ClusterService;
import dev.gantry.core.job.JobState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of what the whole cluster holds (jobs by state, queues, nodes), read from the store when
 * a scraper asks, for that scraper (it needs {@code jobs:read}, checked by the core): the jobs it
 * may read (an admin: all), and every queue and node; every server shows the same numbers. When the store does not answer, the last numbers stay and the scrape
 * still succeeds with the process's own meters.
 */
final class ClusterGauges {

  private static final Logger log = LoggerFactory.getLogger(ClusterGauges.class);

  private final ClusterService cluster;
  private final MultiGauge jobs;
  private final MultiGauge queueRuns;
  private final MultiGauge queueSubscribers;
  private final AtomicInteger nodesOnline = new AtomicInteger();

  ClusterGauges(MeterRegistry registry, ClusterService cluster) {
    this.cluster = cluster;
    this.jobs = MultiGauge.builder("gantry.jobs").description("Jobs in the store, by state (Gantry's core states)")
        .register(registry);
    this.queueRuns = MultiGauge.builder("gantry.queue.runs")
        .description("Task runs in each queue, by state: queued (waiting) or running").register(registry);
    this.queueSubscribers = MultiGauge.builder("gantry.queue.subscribers")
        .description("Live workers serving each queue").register(registry);
    Gauge.builder("gantry.nodes.online", nodesOnline, AtomicInteger::get)
        .description("Gantry processes (nodes) UP").register(registry);
  }

  /** Reads the numbers for {@code caller}; AccessDeniedException when it may not see them. */
  void refresh(Principal caller) {
    try {
      Map<JobState, Long> byState = cluster.jobsByState(caller);
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      for (JobState state : JobState.values()) {
        rows.add(MultiGauge.Row.of(Tags.of("state", state.name().toLowerCase(Locale.ROOT)), byState.getOrDefault(state, 0L)));
      }
      jobs.register(rows, true);
      List<QueueStats> queues = cluster.queues(caller);
      queueRuns.register(queues.stream().<MultiGauge.Row<?>>flatMap(q -> Stream.of(
          MultiGauge.Row.of(Tags.of("queue", q.name(), "state", "queued"), q.queued()),
          MultiGauge.Row.of(Tags.of("queue", q.name(), "state", "running"), q.running()))).toList(), true);
      queueSubscribers.register(queues.stream().<MultiGauge.Row<?>>map(q ->
          MultiGauge.Row.of(Tags.of("queue", q.name()), q.subscribers())).toList(), true);
      nodesOnline.set((int) cluster.nodes(caller).stream().filter(n -> n.status() == NodeStatus.UP).count());
    } catch (AccessDeniedException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn("metrics: the store's numbers could not be read, the last ones are shown: {}", e.toString());
    }
  }
}
