package dev.gantry.server.tork;

import dev.gantry.core.cluster.QueueNames;
import dev.gantry.core.cluster.QueueStats;
import dev.gantry.core.engine.ClusterService;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.spec.Echo;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.RequestBody;
import dev.gantry.server.metrics.PrometheusMetrics;
import dev.gantry.server.metrics.ScrapeFormat;
import io.javalin.http.Context;
import java.util.List;

/**
 * The native API's {@code /nodes}, {@code /queues} and {@code /metrics}: the processes sharing the
 * store, the queues they serve and what they do, in Tork's shapes and with its error bodies. Apart from {@link NativeDialect}
 * because it answers from the cluster, not from the jobs.
 */
public final class ClusterDialect implements HttpDialect {

  private final ClusterService cluster;
  private final PrometheusMetrics metrics;
  private final long maxRequestBytes;

  /**
   * Shows {@code metrics} at {@code /metrics}, with the cluster's gauges, which it adds to them;
   * reads queue settings of at most {@code maxRequestBytes}.
   */
  public ClusterDialect(ClusterService cluster, PrometheusMetrics metrics, long maxRequestBytes) {
    this.cluster = cluster;
    this.metrics = metrics;
    this.maxRequestBytes = maxRequestBytes;
    // Here, not by whoever builds the dialect: a scrape then always reads the store for its caller, whose scopes are checked.
    metrics.watch(cluster);
  }

  @Override
  public List<String> pathPrefixes() {
    return List.of("/nodes", "/queues", "/metrics");
  }

  @Override
  public void register(DialectRoutes routes) {
    routes
        .get("/metrics", this::metrics)
        .get("/nodes", this::nodes)
        .get("/queues", this::queues)
        .get("/queues/{name}", this::queue)
        .put("/queues/{name}", this::configure)
        .delete("/queues/{name}", this::purge);
  }

  @Override
  public void renderError(Context ctx, Exception error) {
    NativeErrors.render(ctx, error);
  }

  /**
   * Tork's JSON, or Prometheus' text formats when the Accept header asks for them (as its scraper
   * does); either needs {@code jobs:read}.
   */
  private void metrics(Context ctx) {
    ScrapeFormat format = ScrapeFormat.of(ctx.header("Accept"));
    if (format == ScrapeFormat.JSON) {
      JsonResponses.write(ctx, 200, MetricsView.of(cluster.load(Callers.of(ctx))));
    } else {
      ctx.status(200).contentType(format.contentType()).result(metrics.scrape(Callers.of(ctx), format.contentType()));
    }
  }

  private void nodes(Context ctx) {
    JsonResponses.write(ctx, 200, cluster.nodes(Callers.of(ctx)).stream().map(NodeView::of).toList());
  }

  private void queues(Context ctx) {
    JsonResponses.write(ctx, 200, cluster.queues(Callers.of(ctx)).stream().map(QueueView::of).toList());
  }

  private void queue(Context ctx) {
    JsonResponses.write(ctx, 200, QueueView.of(cluster.queue(Callers.of(ctx), queueName(ctx))));
  }

  /** Sets the queue's priority, concurrency limit or whether it is enabled (admin). */
  private void configure(Context ctx) {
    // Checked as the settings are made, so a malformed name is a 400 naming the rule, not a 404.
    String name = ctx.pathParam("name");
    String body = RequestBody.utf8(ctx, maxRequestBytes);
    QueueStats queue = cluster.configure(Callers.of(ctx), name, current -> QueueSettingsReader.read(body, current));
    JsonResponses.write(ctx, 200, QueueView.of(queue));
  }

  /** Cancels the jobs waiting in the queue. */
  private void purge(Context ctx) {
    cluster.purge(Callers.of(ctx), queueName(ctx));
    JsonResponses.write(ctx, 200, StatusView.OK);
  }

  private static String queueName(Context ctx) {
    String name = ctx.pathParam("name");
    if (!QueueNames.isWellFormed(name)) {
      throw new NotFoundException("queue", Echo.of(name));
    }
    return name;
  }
}
