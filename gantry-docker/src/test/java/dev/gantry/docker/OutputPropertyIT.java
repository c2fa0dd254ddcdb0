package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.spi.Cancellation;
import dev.gantry.core.spi.TaskOutcome;
import java.io.ByteArrayOutputStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The output property: what a container printed is what Gantry's sink receives, per stream, as
 * the engine's own log of that container shows it (read before the container is removed), for
 * random output scripts ({@link OutputScript}), with network none and the default network. The
 * seed is printed with every failure; {@code -Dgantry.output.seed=N} replays one,
 * {@code -Dgantry.output.scripts=N} runs more.
 */
class OutputPropertyIT extends WithDockerEngine {

  private static final long SEED = Long.getLong("gantry.output.seed", System.nanoTime());
  private static final int SCRIPTS = Integer.getInteger("gantry.output.scripts", 20);

  private static DockerRuntime observed;
  /** The engine's log of the last run's container, read as the run hands it over for removal. */
  private static final AtomicReference<Map<Stream, String>> engineLog = new AtomicReference<>();

  @BeforeAll
  static void observedRuntime() {
    if (docker != null && runtime != null) {
      observed = new DockerRuntime(DockerSettings.defaults().withPullPolicy(PullPolicy.NEVER),
          containerId -> engineLog.set(engineLogOf(containerId)));
    }
  }

  @AfterAll
  static void closeObserved() {
    if (observed != null) {
      observed.close();
    }
  }

  @ParameterizedTest(name = "network {0}")
  @ValueSource(strings = {"none", "default"})
  void theSinkReceivesWhatTheEngineLogged(String network) {
    Random random = new Random(SEED + network.hashCode());
    for (int i = 0; i < SCRIPTS; i++) {
      OutputScript script = OutputScript.random(random);
      String job = newJob();
      RecordingSink sink = new RecordingSink();
      engineLog.set(null);
      TestTask task = TestTask.script(script.text()).network(network.equals("default") ? null : network);

      TaskOutcome outcome = observed.run(execution(job, task), sink, new Cancellation());
      observed.removeWorkspace(job);

      String where = String.format("seed %d, network %s, script %d:%n%s%noutcome %s", SEED, network, i, script.text(), outcome);
      assertThat(outcome.exitCode()).as(where).isNotNull();
      Map<Stream, String> logged = engineLog.get();
      assertThat(logged).as(where).isNotNull();
      for (Stream stream : Stream.values()) {
        assertThat(difference(logged.get(stream), sink.output(stream))).as("%s%n%s received by the sink", where, stream).isNull();
        if (script.asciiOutput().containsKey(stream)) {
          assertThat(difference(script.asciiOutput().get(stream), logged.get(stream)))
              .as("%s%n%s logged by the engine", where, stream).isNull();
        }
      }
    }
  }

  /** Null when equal, else where the texts part and what each holds there (outputs run to megabytes). */
  private static String difference(String expected, String actual) {
    if (expected.equals(actual)) {
      return null;
    }
    int at = 0;
    while (at < expected.length() && at < actual.length() && expected.charAt(at) == actual.charAt(at)) {
      at++;
    }
    return String.format("%d chars expected, %d received, first difference at %d: expected %s, received %s",
        expected.length(), actual.length(), at, excerpt(expected, at), excerpt(actual, at));
  }

  private static String excerpt(String text, int at) {
    String part = text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 40));
    return "'" + part.replace("\r", "\\r").replace("\n", "\\n") + "'";
  }

  /** The container's whole log as {@code docker logs} reads it, each stream's bytes decoded as Gantry decodes output. */
  private static Map<Stream, String> engineLogOf(String containerId) {
    Map<Stream, ByteArrayOutputStream> bytes = new EnumMap<>(Stream.class);
    for (Stream stream : Stream.values()) {
      bytes.put(stream, new ByteArrayOutputStream());
    }
    try {
      docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTailAll()
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              bytes.get(frame.getStreamType() == StreamType.STDERR ? Stream.STDERR : Stream.STDOUT).writeBytes(frame.getPayload());
            }
          }).awaitCompletion(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (RuntimeException e) {
      return null; // the test fails on the missing log
    }
    Map<Stream, String> decoded = new EnumMap<>(Stream.class);
    bytes.forEach((stream, out) -> decoded.put(stream, Utf8.decode(out.toByteArray(), 0, out.size())));
    return decoded;
  }
}
