package dev.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkNoticesTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final CountDownLatch firstMayEnd = new CountDownLatch(1);
  private final WorkNotices notices = new WorkNotices(() -> {
    sending.set(true);
    if (started.incrementAndGet() == 1) {
      try {
        firstMayEnd.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sent.incrementAndGet();
    sending.set(false);
  });

  @AfterEach
  void stop() {
    firstMayEnd.countDown();
    notices.close();
  }

  @Test
  void requestsMadeWhileANotificationIsSentAreAnsweredByOneMoreNotification() {
    notices.start();
    notices.request();
    await().atMost(PROMPTLY).until(() -> started.get() == 1);
    for (int i = 0; i < 100; i++) {
      notices.request();
    }
    firstMayEnd.countDown();

    await().atMost(PROMPTLY).until(() -> sent.get() == 2 && !sending.get());
    assertThat(started.get()).isEqualTo(2);
  }

  @Test
  void aRequestAfterTheLastNotificationGetsANewOne() {
    firstMayEnd.countDown();
    notices.start();
    notices.request();
    await().atMost(PROMPTLY).until(() -> sent.get() == 1 && !sending.get());

    notices.request();

    await().atMost(PROMPTLY).until(() -> sent.get() == 2);
  }
}
