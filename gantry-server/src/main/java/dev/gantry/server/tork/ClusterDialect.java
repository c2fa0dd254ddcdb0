package dev.gantry.server.tork;

import dev.gantry.core.engine.ClusterService;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.spec.Echo;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.HttpDialect;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.metrics.PrometheusMetrics;
import dev.gantry.server.metrics.ScrapeFormat;
import io.javalin.http.Context;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The native API's {@code /nodes}, {@code /queues} and {@code /metrics}: the processes sharing the
 * store, the queues they serve and what they do, in Tork's shapes and with its error bodies. Apart from {@link NativeDialect}
 * because it answers from the cluster, not from the jobs.
 */
public final class ClusterDialect implements HttpDialect {

  /** What a queue name may be (as a task's {@code queue} field); anything else cannot exist. */
  private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final ClusterService cluster;
  private final PrometheusMetrics metrics;

  /** Shows {@code metrics} at {@code /metrics}, with the cluster's gauges, which it adds to them. */
  public ClusterDialect(ClusterService cluster, PrometheusMetrics metrics) {
    this.cluster = cluster;
    this.metrics = metrics;
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

  /** Cancels the jobs waiting in the queue. */
  private void purge(Context ctx) {
    cluster.purge(Callers.of(ctx), queueName(ctx));
    JsonResponses.write(ctx, 200, StatusView.OK);
  }

  private static String queueName(Context ctx) {
    String name = ctx.pathParam("name");
    if (!QUEUE_NAME.matcher(name).matches()) {
      throw new NotFoundException("queue", Echo.of(name));
    }
    return name;
  }
}
