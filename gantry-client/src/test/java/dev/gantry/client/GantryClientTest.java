package dev.gantry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spec.JobDocuments;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spec.SpecNode;
import dev.gantry.server.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a real server (HTTP on a random port, authentication on) whose task runs the test drives. */
class GantryClientTest {

  private static final String YAML = "name: yaml job\ntags: [nightly]\ntasks:\n  - name: build\n    image: busybox:latest\n"
      + "    run: echo hi\n";

  private final TestServer server = TestServer.withAuth();
  private final GantryClient admin = GantryClient.builder("http://127.0.0.1:" + port()).token(server.adminToken).build();

  @AfterEach
  void close() {
    server.close();
  }

  private int port() {
    return server.uri("/").getPort();
  }

  @Test
  void submitsYamlJsonAndBuiltJobsAndFindsThem() {
    JobSummary yaml = admin.submit(JobDocument.yaml(YAML));
    JobSummary json = admin.submit(JobDocument.json(
        "{\"name\": \"json job\", \"tasks\": [{\"name\": \"t\", \"image\": \"busybox:latest\", \"run\": \"true\"}]}"));
    JobSummary built = admin.submit(JobBuilder.named("built job").tag("nightly").env("WHO", "world")
        .task("one", "busybox:latest", "echo $WHO").task("two", "busybox:latest", "true").build());

    assertThat(yaml.state()).isEqualTo("SCHEDULED");
    Job job = admin.job(built.id());
    assertThat(job.name()).isEqualTo("built job");
    assertThat(job.tags()).containsExactly("nightly");
    assertThat(job.taskCount()).isEqualTo(2);
    assertThat(job.isEnded()).isFalse();

    Page<JobSummary> all = admin.jobs(JobSearch.all());
    assertThat(all.totalItems()).isEqualTo(3);
    assertThat(all.items()).extracting(JobSummary::id).containsExactly(built.id(), json.id(), yaml.id());
    assertThat(admin.jobs(JobSearch.all().withQuery("tag:nightly")).items()).extracting(JobSummary::id)
        .containsExactlyInAnyOrder(yaml.id(), built.id());
    Page<JobSummary> second = admin.jobs(JobSearch.all().withSize(2).withPage(2));
    assertThat(second.items()).extracting(JobSummary::id).containsExactly(yaml.id());
    assertThat(second.totalPages()).isEqualTo(2);

    server.worker.runToSuccess("done");
    assertThat(admin.jobs(JobSearch.all().withState("COMPLETED")).items()).extracting(JobSummary::id)
        .containsExactly(yaml.id());
    assertThat(admin.jobs(JobSearch.all().withQuery("json").withState("SCHEDULED")).items()).extracting(JobSummary::id)
        .containsExactly(json.id());
  }

  @Test
  void anInvalidJobIsTheApisMessageWithItsStatus() {
    assertThatThrownBy(() -> admin.submit(JobDocument.yaml("name: x\ntasks:\n  - name: t\n    imgae: busybox\n")))
        .isInstanceOfSatisfying(GantryException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.apiMessage()).isEqualTo("tasks[0].imgae: unknown field");
          assertThat(e.getMessage()).isEqualTo("tasks[0].imgae: unknown field (HTTP 400)");
        });
    assertThatThrownBy(() -> admin.job("0123456789abcdef0123456789abcdef"))
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.isNotFound()).isTrue());
    assertThatThrownBy(() -> admin.job("../../auth/tokens"))
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.status()).isEqualTo(400)); // encoded: one id, a bad one
    GantryClient anonymous = GantryClient.builder("http://127.0.0.1:" + port()).build();
    assertThatThrownBy(() -> anonymous.jobs(JobSearch.all()))
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.isUnauthenticated()).isTrue());
    assertThatThrownBy(() -> JobSearch.all().withSize(21)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be 1 to 20, not 21");
    assertThatThrownBy(() -> GantryClient.builder("localhost:8000")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http(s) address");
  }

  @Test
  void aServerThatIsNotThereIsUnavailable() {
    GantryClient nowhere = GantryClient.builder("http://127.0.0.1:1").build();
    assertThatThrownBy(() -> nowhere.job("x")).isInstanceOfSatisfying(GantryUnavailableException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.getMessage()).isEqualTo("cannot reach Gantry at http://127.0.0.1:1/");
    });
    assertThatThrownBy(() -> nowhere.followLog("x", part -> {})).isInstanceOf(GantryUnavailableException.class);
  }

  @Test
  void cancelsRestartsAndStartsAHeldJob() throws Exception {
    String id = admin.submit(JobDocument.yaml(YAML)).id();
    admin.cancel(id);
    assertThat(admin.job(id).state()).isEqualTo("CANCELLED");
    admin.restart(id);
    assertThat(admin.job(id).state()).isEqualTo("SCHEDULED");
    assertThatThrownBy(() -> admin.start(id)).isInstanceOfSatisfying(GantryException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.apiMessage()).isEqualTo("job is SCHEDULED and can not be started");
    });

    String held = server.jobs.submitHeld(new Principal("gantry", Set.of(Scope.ADMIN)),
        JobSpecReader.read(SpecNode.root(JobDocuments.parse(YAML, JobDocuments.Format.YAML)))).id();
    assertThat(admin.job(held).state()).isEqualTo("PENDING");
    GantryClient bob = GantryClient.builder(admin.server().toString())
        .token(admin.createToken(new TokenRequest("bob", "bob's", List.of("jobs:read", "jobs:write"), null)).secret()).build();
    assertThatThrownBy(() -> bob.start(held)).as("another user's job is not there for him")
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.isNotFound()).isTrue());
    assertThat(admin.job(held).state()).isEqualTo("PENDING");
    admin.start(held);
    assertThat(admin.job(held).state()).isEqualTo("SCHEDULED");
  }

  @Test
  void followsTheLogLiveAndWaitsForTheEnd() throws Exception {
    String id = admin.submit(JobDocument.yaml(YAML)).id();
    TaskRun run = server.worker.claim();
    server.worker.log(run, 1, "first\n");
    List<String> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<JobSummary> followed = CompletableFuture.supplyAsync(() -> admin.followLog(id, part -> seen.add(part.contents())));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
    server.worker.log(run, 2, "second\n");
    server.worker.succeed(run, "the result");
    JobSummary end = followed.get(10, TimeUnit.SECONDS);
    assertThat(seen).containsExactly("first\n", "second\n");
    assertThat(end.state()).isEqualTo("COMPLETED");
    assertThat(end.result()).isEqualTo("the result");
    assertThat(admin.awaitEnd(id, Duration.ofSeconds(5)).state()).isEqualTo("COMPLETED");
    Page<LogPart> log = admin.log(id, 1, 10);
    assertThat(log.items()).extracting(LogPart::contents).containsExactly("second\n", "first\n");
    assertThat(log.items().get(0).taskId()).isEqualTo(run.id());
  }

  @Test
  void awaitingAJobThatDoesNotEndTimesOut() {
    String id = admin.submit(JobDocument.yaml(YAML)).id();
    assertThatThrownBy(() -> admin.awaitEnd(id, Duration.ofMillis(300)))
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.status()).isEqualTo(408));
  }

  @Test
  void aDroppedConnectionResumesAfterTheLastPartWithNoneTwice() throws Exception {
    try (DroppingProxy proxy = new DroppingProxy(port())) {
      GantryClient client = GantryClient.builder(proxy.address()).token(server.adminToken).build();
      String id = client.submit(JobDocument.yaml(YAML)).id();
      TaskRun run = server.worker.claim();
      server.worker.log(run, 1, "before the drop\n");
      List<String> seen = new ArrayList<>();
      List<String> events = new ArrayList<>();
      Thread follower = new Thread(() -> client.followLog(id, new LogListener() {
        @Override
        public void part(LogPart part) {
          synchronized (seen) {
            seen.add(part.contents());
          }
        }

        @Override
        public void lost(GantryException why) {
          events.add("lost");
        }
      }));
      follower.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        synchronized (seen) {
          return seen.size() == 1;
        }
      });
      proxy.dropAll();
      server.worker.log(run, 2, "after the drop\n");
      server.worker.succeed(run, "ok");
      follower.join(Duration.ofSeconds(15).toMillis());
      assertThat(follower.isAlive()).isFalse();
      assertThat(seen).containsExactly("before the drop\n", "after the drop\n");
      assertThat(events).isEmpty(); // it answered again at once: a broken stream, not a lost server
    }
  }

  @Test
  void makesListsAndRevokesTokens() {
    Token made = admin.createToken(new TokenRequest("alice", "ci", List.of("jobs:read"), "1d"));
    assertThat(made.secret()).isNotBlank();
    assertThat(made.user()).isEqualTo("alice");
    assertThat(made.scopes()).containsExactly("jobs:read");
    assertThat(made.expiresAt()).isNotNull();
    GantryClient alice = GantryClient.builder(admin.server().toString()).token(made.secret()).build();
    assertThat(alice.jobs(JobSearch.all()).totalItems()).isZero();
    assertThatThrownBy(() -> alice.submit(JobDocument.yaml(YAML)))
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThat(admin.tokens()).extracting(Token::id).contains(made.id());
    assertThat(admin.tokens()).allSatisfy(t -> assertThat(t.secret()).isNull());
    admin.revokeToken(made.id());
    assertThatThrownBy(() -> alice.jobs(JobSearch.all()))
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.isUnauthenticated()).isTrue());
    assertThatThrownBy(() -> admin.createToken(TokenRequest.of("x", "jobs:fly")))
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void listsAndConfiguresQueues() {
    admin.submit(JobDocument.yaml(YAML));
    assertThat(admin.queues()).extracting(Queue::name).contains("default");
    Queue changed = admin.configureQueue("default", QueueSettings.unchanged().withPriority(10).withMaxConcurrency(2));
    assertThat(changed.priority()).isEqualTo(10);
    assertThat(changed.maxConcurrency()).isEqualTo(2);
    assertThat(changed.enabled()).isTrue();
    assertThat(admin.configureQueue("default", QueueSettings.unchanged().withEnabled(false)).priority()).isEqualTo(10);
    assertThat(admin.queue("default").enabled()).isFalse();
    assertThatThrownBy(() -> admin.configureQueue("default", QueueSettings.unchanged().withPriority(0)))
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.apiMessage()).contains("priority"));
  }

  @Test
  void storesDefinitionsWithSensitiveValuesRedacted() {
    String definition = "{\"name\": \"proj::build\", \"image\": \"busybox:latest\", \"env\": {\"MODE\": {\"value\": \"fast\"},"
        + " \"KEY\": {\"value\": \"s3cr3t\", \"sensitive\": true}}}";
    Definition first = admin.createDefinition(JobDocument.json(definition));
    Definition second = admin.createDefinition(JobDocument.json(definition.replace("fast", "slow")));
    assertThat(first.version()).isEqualTo(1);
    assertThat(second.reference()).isEqualTo("proj::build:2");
    assertThat(admin.definitions()).extracting(Definition::reference).containsExactly("proj::build:2");
    assertThat(admin.definitionVersions("proj::build")).extracting(Definition::version).containsExactlyInAnyOrder(1, 2);
    Definition one = admin.definition("proj::build", 1);
    assertThat(one.env().get("MODE")).isEqualTo(new Definition.EnvVar("fast", false));
    assertThat(one.env().get("KEY")).isEqualTo(new Definition.EnvVar(null, true));
    assertThatThrownBy(() -> admin.definition("proj::build", 9)).isInstanceOfSatisfying(GantryException.class,
        e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void makesUsersAndRoles() {
    admin.createUser("bob", "correct horse battery staple");
    Role role = admin.createRole("developers");
    assertThat(role.members()).isEmpty();
    assertThat(admin.addMember("developers", "bob").members()).containsExactly("bob");
    assertThat(admin.roles()).extracting(Role::name).contains("developers");
    assertThat(admin.role("developers").members()).containsExactly("bob");
    assertThat(admin.removeMember("developers", "bob").members()).isEmpty();
    admin.deleteRole("developers");
    assertThatThrownBy(() -> admin.role("developers")).isInstanceOfSatisfying(GantryException.class,
        e -> assertThat(e.isNotFound()).isTrue());
    assertThatThrownBy(() -> admin.createUser("bob", "another password here"))
        .isInstanceOfSatisfying(GantryException.class, e -> assertThat(e.status()).isBetween(400, 409));
  }
}
