package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.LogPart.Stream;
import dev.gantry.core.job.LogPosition;
import dev.gantry.core.testing.InMemoryStore;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A container taken over after a restart replays its whole output; what the earlier process stored
 * is dropped, per stream, and the rest is stored after it: the run's log has no gap and no line twice.
 */
class ResumedOutputTest {

  private final InMemoryStore store = new InMemoryStore();
  private final Clock clock = Clock.systemUTC();

  @Test
  void theReplayGoesOnWhereTheStoredLogEndsOnEachStream() {
    RunLogWriter before = writer(StoredRunLog.EMPTY, Map.of());
    before.write(Stream.STDOUT, "pre task\n");
    LogPosition mainStart = before.mark();
    before.write(Stream.STDOUT, "line 1\n");
    before.write(Stream.STDERR, "warn 1\n");
    before.write(Stream.STDOUT, "line 2\n");
    before.flush();
    // The process dies here: "line 3" was printed but never stored.

    StoredRunLog stored = StoredRunLog.of(store, "run");
    RunLogWriter after = writer(stored, Map.of());
    ResumedOutput replay = new ResumedOutput(after, stored, mainStart, Map.of(), "run");
    replay.write(Stream.STDOUT, "line 1\n");
    replay.write(Stream.STDERR, "warn 1\n");
    replay.write(Stream.STDOUT, "line 2\n");
    replay.write(Stream.STDOUT, "line 3\n");
    replay.write(Stream.STDERR, "warn 2\n");
    after.flushAll();

    assertThat(log(Stream.STDOUT)).isEqualTo("pre task\nline 1\nline 2\nline 3\n");
    assertThat(log(Stream.STDERR)).isEqualTo("warn 1\nwarn 2\n");
    assertThat(store.runLog("run", 1, 100).items()).extracting(LogPart::number).doesNotHaveDuplicates();
  }

  @Test
  void aLastLineStoredWithoutItsEndGetsOnlyItsRest() {
    RunLogWriter before = writer(StoredRunLog.EMPTY, Map.of());
    before.write(Stream.STDOUT, "half a li");
    before.flushAll();

    StoredRunLog stored = StoredRunLog.of(store, "run");
    RunLogWriter after = writer(stored, Map.of());
    new ResumedOutput(after, stored, null, Map.of(), "run").write(Stream.STDOUT, "half a line\n");
    after.flushAll();

    assertThat(log(Stream.STDOUT)).isEqualTo("half a line\n");
  }

  @Test
  void storedTextWithASecretMaskedIsRecognisedInTheReplay() {
    Map<String, String> secrets = Map.of("TOKEN", "s3cr3t-value");
    RunLogWriter before = writer(StoredRunLog.EMPTY, secrets);
    before.write(Stream.STDOUT, "token is s3cr3t-value\n");
    before.flushAll();

    StoredRunLog stored = StoredRunLog.of(store, "run");
    RunLogWriter after = writer(stored, secrets);
    ResumedOutput replay = new ResumedOutput(after, stored, LogPosition.START, secrets, "run");
    replay.write(Stream.STDOUT, "token is s3cr3t-value\n");
    replay.write(Stream.STDOUT, "next\n");
    after.flushAll();

    assertThat(log(Stream.STDOUT)).isEqualTo("token is [REDACTED]\nnext\n".replace("[REDACTED]",
        dev.gantry.core.spec.Secrets.mask("s3cr3t-value", secrets)));
  }

  private RunLogWriter writer(StoredRunLog stored, Map<String, String> secrets) {
    return new RunLogWriter(store, new LocalSignals(), clock, "job", "run", secrets, stored);
  }

  private String log(Stream stream) {
    return store.runLog("run", 1, 100).items().stream().filter(p -> p.stream() == stream)
        .sorted(Comparator.comparingInt(LogPart::number)).map(LogPart::contents).collect(Collectors.joining());
  }
}
