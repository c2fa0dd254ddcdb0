package dev.gantry.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecReader;
import org.junit.jupiter.api.Test;

/** Which jobs keep to the engine of their workspace. */
class WorkspacePinningTest {

  private static boolean pins(String tasks) {
    return WorkspacePinning.pins(JobSpecReader.read("name: j\ntasks:\n" + tasks, Format.YAML));
  }

  @Test
  void aJobOfOneTaskSharesNothingAndRunsAnywhere() {
    assertThat(pins("  - {name: a, image: busybox, run: 'echo hi > /shared/x'}")).isFalse();
  }

  @Test
  void aJobOfTwoTasksOrAParallelOrAnEachIsPinned() {
    assertThat(pins("  - {name: a, image: busybox}\n  - {name: b, image: busybox}")).isTrue();
    assertThat(pins("  - name: p\n    parallel:\n      tasks:\n        - {name: a, image: busybox}\n        - {name: b, image: busybox}"))
        .isTrue();
    assertThat(pins("  - name: e\n    each:\n      list: '{{ [1] }}'\n      task: {name: a, image: busybox}")).isTrue();
  }

  @Test
  void aSubjobsTasksAreItsOwnNotItsParents() {
    assertThat(pins("  - name: s\n    subjob:\n      name: child\n      tasks:\n        - {name: a, image: busybox}\n"
        + "        - {name: b, image: busybox}")).isFalse();
    assertThat(pins("  - {name: a, image: busybox}\n  - name: s\n    subjob:\n      name: child\n      tasks:\n"
        + "        - {name: b, image: busybox}")).isFalse();
  }

  @Test
  void theRunsOfALostEngineSayWhatHappened() {
    assertThat(WorkspacePinning.engineLost("e1")).isEqualTo("engine e1 lost: restarted from the first task on a new workspace");
  }
}
