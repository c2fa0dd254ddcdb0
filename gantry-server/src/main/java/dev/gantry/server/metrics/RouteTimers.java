package dev.gantry.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer's {@code http.server.requests} timers, one set per route. The {@code uri} tag is the
 * route's template ({@code /jobs/{id}}), never the requested path, so ids do not multiply the
 * series. A request costs one map look-up and one timer update: no allocation once its status was
 * seen.
 */
public final class RouteTimers {

  private final MeterRegistry registry;

  RouteTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The timers of one route, made when the route is registered. */
  public Route route(String method, String template) {
    return new Route(method, template);
  }

  /** The timers of one route, by response status. */
  public final class Route {

    private final String method;
    private final String template;
    private final Map<Integer, Timer> byStatus = new ConcurrentHashMap<>();

    private Route(String method, String template) {
      this.method = method;
      this.template = template;
    }

    public void record(int status, long nanos) {
      byStatus.computeIfAbsent(status, this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(int status) {
      return Timer.builder("http.server.requests")
          .description("HTTP requests answered by a route, by method, route template, status and outcome")
          .tags("method", method, "uri", template, "status", Integer.toString(status), "outcome", outcome(status))
          .register(registry);
    }
  }

  private static String outcome(int status) {
    if (status >= 500) {
      return "SERVER_ERROR";
    }
    if (status >= 400) {
      return "CLIENT_ERROR";
    }
    if (status >= 300) {
      return "REDIRECTION";
    }
    return status >= 200 ? "SUCCESS" : "INFORMATIONAL";
  }
}
