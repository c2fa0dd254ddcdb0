package dev.gantry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-02T03:00:00Z"));
  private final SignInThrottle throttle = new SignInThrottle(clock);

  private void fail(String user, String client, int times) {
    for (int i = 0; i < times; i++) {
      throttle.begin(user, client);
    }
  }

  private Duration refused(String user, String client) {
    try {
      throttle.begin(user, client);
    } catch (SignInThrottledException e) {
      return e.retryAfter();
    }
    throw new AssertionError("the attempt was admitted");
  }

  @Test
  void aUserNameWaitsTwiceAsLongAfterEachFailureBeyondItsFreeOnesUpToAMinute() {
    fail("alice", "10.0.0.1", 5);
    assertThat(refused("alice", "10.0.0.2")).isEqualTo(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(1));
    fail("alice", "10.0.0.3", 1);
    assertThat(refused("alice", "10.0.0.3")).isEqualTo(Duration.ofSeconds(2));
    clock.advance(Duration.ofMillis(1500));
    assertThat(refused("alice", "10.0.0.3")).isEqualTo(Duration.ofMillis(500));
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(1));
      fail("alice", "10.0.0." + (10 + i), 1);
    }
    assertThat(refused("alice", "10.0.0.99")).isEqualTo(Duration.ofSeconds(60));
    // Another user is not held up by alice's failures.
    fail("bob", "10.0.0.99", 1);
  }

  @Test
  void aSuccessForgetsItsUsersFailuresButNotItsAddresss() {
    fail("alice", "10.0.0.1", 4);
    throttle.begin("alice", "10.0.0.1");
    throttle.succeeded("alice", "10.0.0.1");
    fail("alice", "10.0.0.1", 5);
    assertThat(refused("alice", "10.0.0.1")).isPositive();

    for (int i = 0; i < 19; i++) {
      throttle.begin("u" + i, "10.0.0.7");
    }
    throttle.begin("right", "10.0.0.7");
    throttle.succeeded("right", "10.0.0.7");
    fail("v", "10.0.0.7", 1);
    assertThatThrownBy(() -> throttle.begin("w", "10.0.0.7")).isInstanceOf(SignInThrottledException.class)
        .hasMessageContaining("from this address");
  }

  @Test
  void anAddressIsRefusedAfterTwentyFailuresWhateverTheUserNames() {
    for (int i = 0; i < 20; i++) {
      throttle.begin("guess" + i, "192.0.2.1");
    }
    assertThatThrownBy(() -> throttle.begin("guess20", "192.0.2.1")).isInstanceOf(SignInThrottledException.class)
        .hasMessage("too many failed sign-ins from this address: try again in 1 s");
    throttle.begin("guess20", "192.0.2.2");
  }

  @Test
  void aKeyQuietForFifteenMinutesIsForgotten() {
    fail("alice", null, 5);
    assertThat(refused("alice", null)).isPositive();
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    fail("alice", null, 5);
  }

  @Test
  void theTablesStayBoundedWhateverNamesAreTried() {
    SignInThrottle small = new SignInThrottle(clock, new SignInThrottle.Limit(1, Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofMinutes(15), 3), SignInThrottle.PER_CLIENT);
    small.begin("a", null);
    for (String name : new String[] {"b", "c", "d"}) {
      small.begin(name, null);
    }
    // "a" was the least recently used of four keys in a table of three: dropped, so admitted again.
    small.begin("a", null);
    assertThatThrownBy(() -> small.begin("d", null)).isInstanceOf(SignInThrottledException.class);
  }

  @Test
  void retryAfterIsInWholeSecondsRoundedUp() {
    assertThat(new SignInThrottledException("x", Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
    assertThat(new SignInThrottledException("x", Duration.ofMillis(2001)).retryAfterSeconds()).isEqualTo(3);
  }
}
