package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Log notices leave the writer's thread at once and are coalesced per job while one is being sent. */
class LogNoticesTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  private final List<List<String>> sends = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstMayEnd = new CountDownLatch(1);
  private final LogNotices notices = new LogNotices(payloads -> {
    boolean first = sends.isEmpty();
    sends.add(List.copyOf(payloads));
    if (first) {
      try {
        firstMayEnd.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  });

  @AfterEach
  void stop() {
    firstMayEnd.countDown();
    notices.close();
  }

  @Test
  void partsStoredWhileANoticeIsSentGoOutInTheNextOneAsEachJobsLastPart() {
    notices.start();
    notices.announce("job-a", 1);
    await().atMost(PROMPTLY).until(() -> sends.size() == 1); // being sent, and held there

    notices.announce("job-a", 2);
    notices.announce("job-b", 3);
    notices.announce("job-a", 4);
    notices.announce("job-b", 5);
    assertThat(sends).hasSize(1);
    firstMayEnd.countDown();

    await().atMost(PROMPTLY).until(() -> sends.size() == 2);
    assertThat(sends).containsExactly(List.of("job-a:1"), List.of("job-a:4", "job-b:5"));
  }

  @Test
  void manyJobsAreSentInBoundedStatements() {
    firstMayEnd.countDown();
    List<String> expected = new ArrayList<>();
    // Announced before the sender starts: all of them are pending at its first look.
    for (int i = 1; i <= 250; i++) {
      notices.announce("job-" + i, i);
      expected.add("job-" + i + ":" + i);
    }
    notices.start();

    await().atMost(PROMPTLY).until(() -> sends.stream().mapToInt(List::size).sum() == 250);
    assertThat(sends).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(sends.stream().flatMap(List::stream).toList()).isEqualTo(expected);
  }
}
