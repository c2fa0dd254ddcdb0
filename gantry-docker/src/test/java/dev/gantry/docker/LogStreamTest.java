package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Draining a container's output after it ended: slow delivery is waited for, silence is not. */
class LogStreamTest {

  @Test
  void aBacklogStillArrivingAfterTheContainerEndedIsReadToTheEnd() throws Exception {
    RecordingSink sink = new RecordingSink();
    LogStream stream = new LogStream(sink, 1 << 20);
    Thread engine = new Thread(() -> {
      try {
        for (int i = 0; i < 8; i++) {
          stream.onNext(new Frame(StreamType.STDOUT, ("line " + i + "\n").getBytes(StandardCharsets.UTF_8)));
          Thread.sleep(60); // each gap is shorter than the quiet limit, all of them together longer
        }
        stream.onComplete();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    engine.start();
    stream.finish(Duration.ofMillis(200));
    engine.join();
    assertThat(sink.texts()).hasSize(8).endsWith("line 7");
  }

  @Test
  void aStreamThatStaysSilentIsClosedAfterTheQuietLimit() throws Exception {
    RecordingSink sink = new RecordingSink();
    LogStream stream = new LogStream(sink, 1 << 20);
    stream.onNext(new Frame(StreamType.STDOUT, "partial".getBytes(StandardCharsets.UTF_8)));
    long start = System.nanoTime();
    stream.finish(Duration.ofMillis(100));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(sink.texts()).containsExactly("partial");
  }
}
