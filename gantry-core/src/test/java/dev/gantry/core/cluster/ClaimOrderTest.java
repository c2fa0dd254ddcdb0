package dev.gantry.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.spec.InvalidJobException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimOrderTest {

  @Test
  void groupsTheServedQueuesByPriorityLowestFirstWithoutTheDisabledOnes() {
    List<List<QueueSettings>> order = ClaimOrder.of(Set.of("a", "b", "c", "d", "e"), List.of(
        new QueueSettings("b", 1, 0, true), new QueueSettings("d", 900, 2, true), new QueueSettings("e", 1, 0, false),
        new QueueSettings("not-served", 1, 0, true)));

    assertThat(order).containsExactly(
        List.of(new QueueSettings("b", 1, 0, true)),
        List.of(QueueSettings.defaults("a"), QueueSettings.defaults("c")),
        List.of(new QueueSettings("d", 900, 2, true)));
  }

  @Test
  void withoutSettingsAllQueuesAreOneGroupOfDefaults() {
    assertThat(ClaimOrder.of(Set.of("y", "x"), List.of()))
        .containsExactly(List.of(QueueSettings.defaults("x"), QueueSettings.defaults("y")));
  }

  @Test
  void settingsOutsideTheirRangesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> new QueueSettings("q", 0, 0, true)).isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("priority: must be between 1 and 1000");
    assertThatThrownBy(() -> new QueueSettings("q", 1001, 0, true)).hasMessageStartingWith("priority:");
    assertThatThrownBy(() -> new QueueSettings("q", 1, -1, true)).hasMessageStartingWith("maxConcurrency:");
    assertThatThrownBy(() -> new QueueSettings("a b", 1, 0, true)).hasMessageStartingWith("name:");
  }

  @Test
  void queueNamesMayHoldColonsButNotBeOnlyDots() {
    assertThat(QueueNames.isWellFormed("my-project::first-job-queue")).isTrue();
    assertThat(QueueNames.isWellFormed("v1.2")).isTrue();
    assertThat(QueueNames.isWellFormed("q".repeat(64))).isTrue();
    for (String bad : new String[] {"", ".", "..", "...", "a/b", "a b", "q".repeat(65), null, "é"}) {
      assertThat(QueueNames.isWellFormed(bad)).as(bad).isFalse();
    }
  }
}
