package dev.gantry.server.metrics;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.ClusterService;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.spi.Signals;
import dev.gantry.core.spi.WorkMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's meters, in Micrometer's Prometheus registry: what {@code GET /metrics} shows to a
 * Prometheus scraper. Cluster-wide gauges (jobs by state, queues, nodes) are read from the store
 * once per scrape, never on another request's path.
 */
public final class PrometheusMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RouteTimers routes = new RouteTimers(registry);
  private final List<AutoCloseable> binders = new ArrayList<>();
  private volatile ClusterGauges cluster;

  /** The registry, for parts that bind meters of their own (the connection pool). */
  public MeterRegistry registry() {
    return registry;
  }

  /** Adds the JVM's and the machine's meters: memory, GC, threads, classes, CPU, uptime, open files. */
  public PrometheusMetrics bindJvm() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    binders.add(gc);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return this;
  }

  /** Counts the output this process stores (a worker's tasks' output), in UTF-8 bytes and parts. */
  public PrometheusMetrics countLogs(Signals signals) {
    Counter bytes = Counter.builder("gantry.log.bytes").baseUnit("bytes")
        .description("Task output stored by this process, in UTF-8 bytes").register(registry);
    Counter parts = Counter.builder("gantry.log.parts")
        .description("Log parts stored by this process").register(registry);
    signals.onLogAppended(part -> {
      bytes.increment(LogPart.utf8Length(part.contents()));
      parts.increment();
    });
    return this;
  }

  /**
   * Timers of this process's worker: how long task containers ran, by queue and outcome, and how
   * long runs waited in their queue before this worker claimed them.
   */
  public WorkMetrics work() {
    return new WorkMetrics() {
      @Override
      public void runEnded(String queue, String outcome, Duration ran) {
        Timer.builder("gantry.task.runs")
            .description("How long task containers ran on this process, by queue and how they ended")
            .tags("queue", queue, "outcome", outcome).register(registry).record(ran);
      }

      @Override
      public void runClaimed(String queue, Duration waited) {
        Timer.builder("gantry.task.claims")
            .description("How long task runs waited in their queue before this process's worker claimed them")
            .tags("queue", queue).register(registry).record(waited.isNegative() ? Duration.ZERO : waited);
      }
    };
  }

  /** Gauges of the whole cluster, read from {@code clusterService} at each scrape. */
  public void watch(ClusterService clusterService) {
    cluster = new ClusterGauges(registry, clusterService);
  }

  /** The per-route request timers the server records into. */
  public RouteTimers routes() {
    return routes;
  }

  /**
   * The text {@code caller} reads, in the format of {@code contentType} (Prometheus text 0.0.4 or
   * OpenMetrics); AccessDeniedException when the watched cluster's numbers are not the caller's to see.
   */
  public String scrape(Principal caller, String contentType) {
    ClusterGauges gauges = cluster;
    if (gauges == null) {
      return registry.scrape(contentType);
    }
    // The gauges hold one caller's counts at a time: another's refresh must not land in this scrape.
    synchronized (gauges) {
      gauges.refresh(caller);
      return registry.scrape(contentType);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable binder : binders) {
      try {
        binder.close();
      } catch (Exception e) {
        // A binder that cannot unregister its listeners leaves nothing that outlives the JVM.
      }
    }
    registry.close();
  }
}
