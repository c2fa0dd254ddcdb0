package dev.gantry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gantry's native API from Java: jobs (submit, get, list and search, cancel, restart, start a
 * held one, follow the live log, wait for the end), tokens, queues, definitions, users and roles.
 * One instance per server (and token); it is thread-safe.
 *
 * <pre>{@code
 * GantryClient gantry = GantryClient.builder("http://localhost:8000").token(System.getenv("GANTRY_TOKEN")).build();
 * JobSummary job = gantry.submit(JobDocument.yaml(Files.readString(Path.of("job.yaml"))));
 * JobSummary end = gantry.followLog(job.id(), part -> System.out.print(part.contents()));
 * }</pre>
 *
 * Every failed call throws a {@link GantryException} with the HTTP status and the API's message;
 * {@link GantryUnavailableException} when Gantry did not answer or answered 5xx.
 */
public final class GantryClient {

  private static final TypeFactory TYPES = Transport.JSON.getTypeFactory();
  private static final JavaType JOB_PAGE = TYPES.constructParametricType(Page.class, JobSummary.class);
  private static final JavaType LOG_PAGE = TYPES.constructParametricType(Page.class, LogPart.class);
  private static final JavaType TOKENS = TYPES.constructCollectionType(List.class, Token.class);
  private static final JavaType QUEUES = TYPES.constructCollectionType(List.class, Queue.class);
  private static final JavaType DEFINITIONS = TYPES.constructCollectionType(List.class, Definition.class);
  private static final JavaType ROLES = TYPES.constructCollectionType(List.class, Role.class);
  private static final Duration POLL_FIRST = Duration.ofMillis(100);
  private static final Duration POLL_LONGEST = Duration.ofSeconds(2);

  private final Transport transport;
  private final LogFollower follower;

  private GantryClient(Builder builder) {
    this.transport = new Transport(builder.server, builder.token, builder.connectTimeout, builder.timeout);
    this.follower = new LogFollower(transport, builder.giveUpAfter);
  }

  /** A client of the Gantry at {@code server}, e.g. {@code http://localhost:8000}. */
  public static Builder builder(String server) {
    return new Builder(server);
  }

  /** Where this client sends its calls (with a trailing slash). */
  public URI server() {
    return transport.server();
  }

  // --- jobs

  /** Submits a job; answers it as stored (its {@code id} names it from now on). */
  public JobSummary submit(JobDocument job) {
    return call(transport.request("jobs").header("Content-Type", job.contentType()).POST(BodyPublishers.ofString(job.text())),
        JobSummary.class);
  }

  /**
   * Opens an interactive shell (with a terminal) in the environment the job's build kept (a failed
   * build, or one with {@code shell: true}, for the server's keep time) and blocks until it exits:
   * what {@code in} gives is typed, what the terminal prints goes to {@code out}. Needs write access
   * to the job.
   *
   * @return the shell's exit code (-1 when unknown)
   * @throws GantryException 404 for an unknown job, 403 without write access, 409 when the job has no kept environment
   */
  public int shell(String jobId, InputStream in, OutputStream out) {
    return shell(jobId, in, out, 0, 0);
  }

  /** {@link #shell(String, InputStream, OutputStream)} with a terminal of {@code columns} by {@code rows} (0: the default). */
  public int shell(String jobId, InputStream in, OutputStream out, int columns, int rows) {
    return new ShellConnection(transport).run(path(jobId), in, out, columns, rows);
  }

  /** A job and its task runs. */
  public Job job(String id) {
    return call(transport.request("jobs/" + path(id)).GET(), Job.class);
  }

  /** One page of the jobs {@code search} selects, newest first. */
  public Page<JobSummary> jobs(JobSearch search) {
    String q = search.q();
    return transport.call(transport.request("jobs?page=" + search.page() + "&size=" + search.size()
        + (q == null ? "" : "&q=" + Transport.encode(q))).GET(), JOB_PAGE);
  }

  /** Cancels a job: its running task is stopped, nothing more of it runs. */
  public void cancel(String id) {
    transport.call(transport.request("jobs/" + path(id) + "/cancel").PUT(BodyPublishers.noBody()), null);
  }

  /** Runs a failed or cancelled job again from the task it stopped at. */
  public void restart(String id) {
    transport.call(transport.request("jobs/" + path(id) + "/restart").PUT(BodyPublishers.noBody()), null);
  }

  /** Starts a held job (state PENDING: submitted with {@code execute: false}). */
  public void start(String id) {
    transport.call(transport.request("jobs/" + path(id) + "/start").PUT(BodyPublishers.noBody()), null);
  }

  /** One page of a job's stored output, newest part first ({@code size} up to 100). */
  public Page<LogPart> log(String jobId, int page, int size) {
    return transport.call(transport.request("jobs/" + path(jobId) + "/log?page=" + page + "&size=" + size).GET(), LOG_PAGE);
  }

  /**
   * Hands every part of the job's output to {@code listener}, from the first, live until the job
   * ends, and answers the ended job. Across dropped connections and server restarts it resumes
   * after the last part it handed out; see {@link Builder#giveUpAfter}.
   */
  public JobSummary followLog(String jobId, LogListener listener) {
    return follower.follow(jobId, 0, listener);
  }

  /** As {@link #followLog(String, LogListener)}, from the part after {@code afterPartId}. */
  public JobSummary followLog(String jobId, long afterPartId, LogListener listener) {
    return follower.follow(jobId, afterPartId, listener);
  }

  /**
   * Waits until the job has ended and answers it; throws {@link GantryException} (status 408)
   * when it has not ended within {@code timeout}: the job keeps running.
   */
  public Job awaitEnd(String jobId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = POLL_FIRST;
    while (true) {
      Job job = job(jobId);
      if (job.isEnded()) {
        return job;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new GantryException(408, "job " + jobId + " is still " + job.state() + " after " + timeout);
      }
      try {
        Thread.sleep(Math.min(pause.toMillis(), Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GantryException(0, "interrupted", "interrupted while waiting for job " + jobId, e);
      }
      pause = pause.multipliedBy(2).compareTo(POLL_LONGEST) > 0 ? POLL_LONGEST : pause.multipliedBy(2);
    }
  }

  // --- tokens

  /** Makes a token; the answer's {@link Token#secret()} is shown this once only. */
  public Token createToken(TokenRequest request) {
    return call(transport.request("auth/tokens").header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json(request))), Token.class);
  }

  /** The caller's tokens (an admin's: everyone's), without their secrets. */
  public List<Token> tokens() {
    return transport.call(transport.request("auth/tokens").GET(), TOKENS);
  }

  /** Revokes a token: it stops working at once. */
  public void revokeToken(String id) {
    transport.call(transport.request("auth/tokens/" + path(id)).DELETE(), null);
  }

  // --- queues

  /** The queues with work or workers, their load and settings. */
  public List<Queue> queues() {
    return transport.call(transport.request("queues").GET(), QUEUES);
  }

  /** One queue. */
  public Queue queue(String name) {
    return call(transport.request("queues/" + path(name)).GET(), Queue.class);
  }

  /** Changes a queue's settings (needs admin); answers the queue as it is now. */
  public Queue configureQueue(String name, QueueSettings settings) {
    return call(transport.request("queues/" + path(name)).header("Content-Type", "application/json")
        .PUT(BodyPublishers.ofString(json(settings))), Queue.class);
  }

  // --- definitions

  /** Stores a definition (YAML or JSON) as the next version of its name. */
  public Definition createDefinition(JobDocument definition) {
    return call(transport.request("definitions").header("Content-Type", definition.contentType())
        .POST(BodyPublishers.ofString(definition.text())), Definition.class);
  }

  /** The newest version of each definition. */
  public List<Definition> definitions() {
    return transport.call(transport.request("definitions").GET(), DEFINITIONS);
  }

  /** Every version of one definition. */
  public List<Definition> definitionVersions(String name) {
    return transport.call(transport.request("definitions/" + path(name)).GET(), DEFINITIONS);
  }

  /** One version of a definition. */
  public Definition definition(String name, int version) {
    return call(transport.request("definitions/" + path(name) + "/" + version).GET(), Definition.class);
  }

  // --- users and roles (admin)

  /** Makes a user who signs in with HTTP Basic ({@code username}, {@code password}). */
  public void createUser(String username, String password) {
    transport.call(transport.request("users").header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json(Map.of("username", username, "password", password)))), null);
  }

  /** Every role and its members. */
  public List<Role> roles() {
    return transport.call(transport.request("roles").GET(), ROLES);
  }

  /** One role. */
  public Role role(String name) {
    return call(transport.request("roles/" + path(name)).GET(), Role.class);
  }

  /** Makes a role without members. */
  public Role createRole(String name) {
    return call(transport.request("roles").header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json(Map.of("name", name)))), Role.class);
  }

  /** Adds {@code user} to the role; answers the role. */
  public Role addMember(String role, String user) {
    return call(transport.request("roles/" + path(role) + "/members/" + path(user)).PUT(BodyPublishers.noBody()), Role.class);
  }

  /** Takes {@code user} out of the role; answers the role. */
  public Role removeMember(String role, String user) {
    return call(transport.request("roles/" + path(role) + "/members/" + path(user)).DELETE(), Role.class);
  }

  /** Deletes a role. */
  public void deleteRole(String name) {
    transport.call(transport.request("roles/" + path(name)).DELETE(), null);
  }

  private <T> T call(HttpRequest.Builder request, Class<T> type) {
    return transport.call(request, TYPES.constructType(type));
  }

  private static String path(String segment) {
    Objects.requireNonNull(segment, "id");
    return Transport.encode(segment);
  }

  private static String json(Object body) {
    try {
      return Transport.JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
    }
  }

  /** How to reach Gantry: its address, a token, timeouts. */
  public static final class Builder {

    private final URI server;
    private String token;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofSeconds(30);
    private Duration giveUpAfter = Duration.ofMinutes(10);

    private Builder(String server) {
      Objects.requireNonNull(server, "server");
      URI uri = URI.create(server.endsWith("/") ? server : server + "/");
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("the server must be an http(s) address such as http://localhost:8000, not '"
            + server + "'");
      }
      this.server = uri;
    }

    /** The API token sent as {@code Authorization: Bearer} with every call; null or blank: none (auth off). */
    public Builder token(String token) {
      this.token = token == null || token.isBlank() ? null : token.strip();
      return this;
    }

    /** How long a connection may take to open (default 5 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout);
      return this;
    }

    /** How long a call may wait for its answer (default 30 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** How long {@link GantryClient#followLog} keeps trying to reach a Gantry that stopped answering (default 10 min). */
    public Builder giveUpAfter(Duration giveUpAfter) {
      this.giveUpAfter = Objects.requireNonNull(giveUpAfter);
      return this;
    }

    /** The client. */
    public GantryClient build() {
      return new GantryClient(this);
    }
  }
}
