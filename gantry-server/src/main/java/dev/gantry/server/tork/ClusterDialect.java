package dev.gantry.server.tork;

import dev.gantry.core.engine.ClusterService;
import dev.gantry.core.engine.NotFoundException;
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

  public ClusterDialect(ClusterService cluster, PrometheusMetrics metrics) {
    this.cluster = cluster;
    this.metrics = metrics;
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

  /** Tork's JSON, or Prometheus' text formats when the Accept header asks for them (as its scraper does). */
  private void metrics(Context ctx) {
    ScrapeFormat format = ScrapeFormat.of(ctx.header("Accept"));
    if (format == ScrapeFormat.JSON) {
      JsonResponses.write(ctx, 200, MetricsView.of(cluster.load()));
    } else {
      ctx.status(200).contentType(format.contentType()).result(metrics.scrape(format.contentType()));
    }
  }

  private void nodes(Context ctx) {
    JsonResponses.write(ctx, 200, cluster.nodes().stream().map(NodeView::of).toList());
  }

  private void queues(Context ctx) {
    JsonResponses.write(ctx, 200, cluster.queues().stream().map(QueueView::of).toList());
  }

  private void queue(Context ctx) {
    JsonResponses.write(ctx, 200, QueueView.of(cluster.queue(queueName(ctx))));
  }

  /** Cancels the jobs waiting in the queue. */
  private void purge(Context ctx) {
    cluster.purge(queueName(ctx));
    JsonResponses.write(ctx, 200, StatusView.OK);
  }

  private static String queueName(Context ctx) {
    String name = ctx.pathParam("name");
    if (!QUEUE_NAME.matcher(name).matches()) {
      throw new NotFoundException("queue", name.length() > 64 ? name.substring(0, 64) + "..." : name);
    }
    return name;
  }
}
