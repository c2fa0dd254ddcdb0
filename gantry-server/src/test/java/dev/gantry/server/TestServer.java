package dev.gantry.server;

import dev.gantry.core.auth.SignInThrottle;
import dev.gantry.core.engine.Housekeeping;
import dev.gantry.core.engine.LogFeed;
import dev.gantry.core.engine.OutboxSender;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.core.outbox.OutboxSettings;
import dev.gantry.server.outbound.OutgoingCalls;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.auth.TokenService;
import dev.gantry.core.definition.DefinitionService;
import dev.gantry.core.engine.ClusterService;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.LocalSignals;
import dev.gantry.core.engine.ScheduleService;
import dev.gantry.core.job.JobQuery;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.testing.InMemoryDefinitionStore;
import dev.gantry.core.testing.InMemoryStore;
import dev.gantry.core.testing.InMemoryTokenStore;
import dev.gantry.core.testing.ManualWorker;
import dev.gantry.server.metrics.PrometheusMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * A real server on a random port over an in-memory store, plus an HTTP client for it. On close it
 * checks that no request ended in an unexpected error (a 500) anywhere in the server.
 */
public final class TestServer implements AutoCloseable {

  public final InMemoryStore store = new InMemoryStore();
  public final LocalSignals signals = new LocalSignals();
  public final JobService jobs;
  public final ClusterService cluster;
  public final ScheduleService schedules;
  public final InMemoryDefinitionStore definitionStore = new InMemoryDefinitionStore();
  public final DefinitionService definitions;
  /** The server's meters, with the JVM's and the output counter bound as a standalone process binds them. */
  public final PrometheusMetrics metrics = new PrometheusMetrics().bindJvm().countLogs(signals);
  public final ManualWorker worker = new ManualWorker(store, signals, Clock.systemUTC());
  public final InMemoryTokenStore tokenStore = new InMemoryTokenStore();
  public final TokenService tokens = new TokenService(tokenStore, Clock.systemUTC());
  public final dev.gantry.core.auth.UserService users;
  /** With authentication on: the secret of an admin token; null otherwise. */
  public final String adminToken;
  /** Outgoing calls are tried 5 times, 100ms, 500ms, 1s, 1s apart. */
  public static final OutboxSettings QUICK_OUTBOX = new OutboxSettings(5, Duration.ofMillis(100), Duration.ofSeconds(1),
      Duration.ofMinutes(5), Duration.ofSeconds(60));
  private final GantryServer server;
  private final OutboxSender outbox;
  private final Housekeeping outboxRounds;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ListAppender<ILoggingEvent> errors = new ListAppender<>();
  private final Logger serverLogs = (Logger) LoggerFactory.getLogger("dev.gantry.server");

  public TestServer() {
    this(ServerSettings.defaults().withPort(0));
  }

  public TestServer(ServerSettings settings) {
    this(settings, null);
  }

  /** Speaking the dialects {@code dialects} makes over this server's JobService (null: the standard ones). */
  public TestServer(ServerSettings settings, Function<JobService, List<HttpDialect>> dialects) {
    this(settings, dialects, HostAccessPolicy.NONE);
  }

  /** A standard server whose jobs may reach what {@code hostAccess} allows. */
  public TestServer(HostAccessPolicy hostAccess) {
    this(ServerSettings.defaults().withPort(0), null, hostAccess, false);
  }

  private TestServer(ServerSettings settings, Function<JobService, List<HttpDialect>> dialects, HostAccessPolicy hostAccess) {
    this(settings, dialects, hostAccess, false);
  }

  private TestServer(ServerSettings settings, Function<JobService, List<HttpDialect>> dialects, HostAccessPolicy hostAccess,
      boolean authOn) {
    // As a standalone without auth on loopback: outgoing calls may reach this machine (the tests' receivers).
    this(settings, dialects, hostAccess, authOn, new CallTargetPolicy(true), new SignInThrottle(Clock.systemUTC()));
  }

  private TestServer(ServerSettings settings, Function<JobService, List<HttpDialect>> dialects, HostAccessPolicy hostAccess,
      boolean authOn, CallTargetPolicy callTargets, SignInThrottle signIns) {
    users = new dev.gantry.core.auth.UserService(store, Clock.systemUTC(), signIns);
    jobs = new JobService(store, signals, Clock.systemUTC(), new LogFeed(store, signals), hostAccess, callTargets);
    outbox = OutgoingCalls.sender(store, jobs, callTargets, QUICK_OUTBOX, Clock.systemUTC());
    outboxRounds = new Housekeeping().every(Duration.ofMillis(50), "outbox sender", outbox);
    cluster = new ClusterService(store, jobs);
    definitions = new DefinitionService(definitionStore, Clock.systemUTC(), hostAccess);
    schedules = new ScheduleService(store, Clock.systemUTC(), hostAccess, callTargets);
    errors.start();
    serverLogs.addAppender(errors);
    adminToken = authOn ? tokens.createFirstAdminToken().orElseThrow().secret() : null;
    server = (dialects != null ? new GantryServer(settings, dialects.apply(jobs))
        : authOn ? new GantryServer(settings, new GantryServer.Services(jobs, cluster, schedules, tokens, users, definitions),
            metrics, Authenticator.tokensAndPasswords(tokens, users))
        : new GantryServer(settings, new GantryServer.Services(jobs, cluster, schedules, null, null, definitions), metrics,
            Authenticator.OFF)).start();
  }

  /** A standard server whose outgoing calls keep to {@code callTargets} (at submit and when sent). */
  public static TestServer withCallTargets(CallTargetPolicy callTargets) {
    return new TestServer(ServerSettings.defaults().withPort(0), null, HostAccessPolicy.NONE, false, callTargets,
        new SignInThrottle(Clock.systemUTC()));
  }

  /** A standard server with authentication on and token management: every route but the open ones needs a token. */
  public static TestServer withAuth() {
    return new TestServer(ServerSettings.defaults().withPort(0), null, HostAccessPolicy.NONE, true);
  }

  /** With authentication on, failed sign-ins throttled by {@code signIns} (a test's own clock, say). */
  public static TestServer withAuth(SignInThrottle signIns) {
    return new TestServer(ServerSettings.defaults().withPort(0), null, HostAccessPolicy.NONE, true, new CallTargetPolicy(true),
        signIns);
  }

  /** Every route of the server, as its dialects added them. */
  public List<Route> routes() {
    return server.routes();
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Reply put(String path) {
    return send(HttpRequest.newBuilder(uri(path)).PUT(BodyPublishers.noBody()));
  }

  public Reply delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  public Reply post(String path, String contentType, String body) {
    return post(path, contentType, BodyPublishers.ofString(body));
  }

  public Reply post(String path, String contentType, BodyPublisher body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(body);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  public Reply submitYaml(String yaml) {
    return post("/jobs", "text/yaml", yaml);
  }

  /** Submits a job that must be accepted; returns its id. */
  public String submitted(String yaml) {
    Reply reply = submitYaml(yaml);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("id").asText();
  }

  /** {@code method path} with {@code body} (null: none), its {@code Authorization} and {@code Content-Type} as given (null: not sent). */
  public Reply send(String method, String path, String authorization, String contentType, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
      return new Reply(response);
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How many jobs the store holds. */
  public long storedJobs() {
    return store.listJobs(JobQuery.parse(null, 1, 1)).totalItems();
  }

  /** The server's ERROR log lines so far, which are then forgotten: for tests that cause one on purpose. */
  public List<String> takeLoggedErrors() {
    synchronized (errors.list) {
      List<String> taken = errors.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
          .map(ILoggingEvent::getFormattedMessage).toList();
      errors.list.clear();
      return taken;
    }
  }

  @Override
  public void close() {
    outboxRounds.close();
    outbox.close();
    server.close();
    metrics.close();
    serverLogs.detachAppender(errors);
    assertThat(takeLoggedErrors()).as("unexpected server errors (a request ended in a 500)").isEmpty();
  }

  /** A response with its body parsed on demand. */
  public record Reply(HttpResponse<String> response) {

    public int status() {
      return response.statusCode();
    }

    public String body() {
      return response.body();
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public JsonNode json() {
      try {
        return JsonResponses.mapper().readTree(response.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + response.body(), e);
      }
    }

    public String message() {
      return json().path("message").asText(null);
    }
  }
}
