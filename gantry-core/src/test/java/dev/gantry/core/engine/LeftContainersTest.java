package dev.gantry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.LogPosition;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import dev.gantry.core.spec.TaskSpec;
import dev.gantry.core.spi.ReattachableContainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a run taken over after a restart goes on from, given the containers its earlier process left. */
class LeftContainersTest {

  private static final TaskSpec TASK = JobSpecReader.read("""
      name: steps
      tasks:
        - name: main
          image: busybox
          pre: [{name: p0, image: busybox}, {name: p1, image: busybox}]
          post: [{name: q0, image: busybox}, {name: q1, image: busybox}]
      """, Format.YAML).tasks().get(0);

  private static ReattachableContainer container(String step, String id) {
    return new ReattachableContainer("j", "r", step, id, LogPosition.START);
  }

  @Test
  void aRunInAPreTaskGoesOnFromThatPreTask() {
    LeftContainers left = new LeftContainers("r", List.of(container("pre-1", "c-p1"), container("pre-0", "c-p0")));

    assertThat(left.resumable(TASK)).isTrue();
    assertThat(left.firstPre(TASK)).isEqualTo(1);
    assertThat(left.toFollow()).isEqualTo(Map.of("pre-1", "c-p1"));
    assertThat(left.postReached()).isZero();
  }

  @Test
  void aRunInItsMainTaskGoesOnFromItsMainContainerPastThePreTasks() {
    LeftContainers left = new LeftContainers("r", List.of(container(null, "c-main"), container("pre-1", "c-p1"),
        container("pre-0", "c-p0")));

    assertThat(left.latest().containerId()).isEqualTo("c-main");
    assertThat(left.firstPre(TASK)).isEqualTo(2);
    assertThat(left.toFollow()).isEqualTo(Map.of(LeftContainers.MAIN, "c-main"));
  }

  @Test
  void aRunInAPostTaskIsFollowedFromItsMainContainerThroughEveryPostTaskLeft() {
    LeftContainers left = new LeftContainers("r", List.of(container("post-1", "c-q1"), container(null, "c-main"),
        container("post-0", "c-q0"), container("pre-0", "c-p0")));

    assertThat(left.resumable(TASK)).isTrue();
    assertThat(left.latest().step()).isEqualTo("post-1");
    assertThat(left.firstPre(TASK)).isEqualTo(2);
    assertThat(left.toFollow()).containsExactly(Map.entry(LeftContainers.MAIN, "c-main"), Map.entry("post-0", "c-q0"),
        Map.entry("post-1", "c-q1"));
    assertThat(left.postReached()).isEqualTo(1);
  }

  @Test
  void aRunInAPostTaskWithoutItsMainContainerOrInAStepTheTaskHasNotIsNotResumable() {
    assertThat(new LeftContainers("r", List.of(container("post-0", "c-q0"))).resumable(TASK))
        .as("no main container: no result to collect").isFalse();
    assertThat(new LeftContainers("r", List.of(container("pre-5", "c"))).resumable(TASK)).isFalse();
    assertThat(new LeftContainers("r", List.of(container(null, "m"), container("post-7", "c"))).resumable(TASK)).isFalse();
  }
}
