package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gantry.client.Job;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The live view's tree: a job as the API shows it and a time in, lines out. */
class TaskTreeTest {

  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
  static final Instant NOW = Instant.parse("2026-12-02T10:00:30Z");

  /** checkout, then a parallel of two builds (one running, one done), then publish, which has not run. */
  static Job parallelJob() throws Exception {
    return JSON.readValue("""
        {"id": "j1", "name": "release", "state": "RUNNING", "position": 2, "taskCount": 3,
         "startedAt": "2026-12-02T10:00:00Z",
         "tasks": [{"name": "checkout"}, {"name": "builds", "parallel": {"tasks": [{"name": "amd64"}, {"name": "arm64"}]}},
                   {"name": "publish"}],
         "execution": [
           {"id": "r1", "name": "checkout", "state": "COMPLETED", "path": "0", "attempt": 1,
            "startedAt": "2026-12-02T10:00:00Z", "completedAt": "2026-12-02T10:00:04.500Z"},
           {"id": "r2", "name": "build amd64", "state": "FAILED", "path": "1.0", "attempt": 1,
            "startedAt": "2026-12-02T10:00:05Z", "failedAt": "2026-12-02T10:00:06Z"},
           {"id": "r3", "name": "build amd64", "state": "RUNNING", "path": "1.0", "attempt": 2,
            "startedAt": "2026-12-02T10:00:07Z"},
           {"id": "r4", "name": "build arm64", "state": "COMPLETED", "path": "1.1", "attempt": 1,
            "startedAt": "2026-12-02T10:00:05Z", "completedAt": "2026-12-02T10:00:15Z"}]}""", Job.class);
  }

  @Test
  void childrenAreIndentedUnderTheirParentWithStatesAndTimes() throws Exception {
    assertThat(TaskTree.lines(parallelJob(), NOW)).containsExactly(
        "checkout       COMPLETED      4.5s",
        "builds         RUNNING       25.0s",
        "  build amd64  RUNNING       23.0s  attempt 2",
        "  build arm64  COMPLETED     10.0s",
        "publish        waiting");
  }

  @Test
  void aRunningTasksTimeGrowsWithTheClockAndAnEndedOneStays() throws Exception {
    Instant later = NOW.plusSeconds(95);
    assertThat(TaskTree.lines(parallelJob(), later)).contains(
        "  build amd64  RUNNING       1m58s  attempt 2", "  build arm64  COMPLETED     10.0s");
  }

  @Test
  void aCompositeEndsWithItsChildrenAndFailsIfOneFailed() throws Exception {
    Job job = JSON.readValue("""
        {"id": "j", "name": "n", "state": "FAILED", "tasks": [{"name": "squares", "each": {"task": {"name": "square"}}}],
         "execution": [
           {"id": "a", "name": "square 1", "state": "COMPLETED", "path": "0.0", "attempt": 1,
            "startedAt": "2026-12-02T10:00:00Z", "completedAt": "2026-12-02T10:00:01Z"},
           {"id": "b", "name": "square 2", "state": "FAILED", "path": "0.1", "attempt": 1,
            "startedAt": "2026-12-02T10:00:00Z", "failedAt": "2026-12-02T10:00:02Z"}]}""", Job.class);
    assertThat(TaskTree.lines(job, NOW)).containsExactly(
        "squares     FAILED         2.0s",
        "  square 1  COMPLETED      1.0s",
        "  square 2  FAILED         2.0s");
  }

  @Test
  void pathsSortAsNumbersAndNamesAreEscaped() throws Exception {
    StringBuilder runs = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      runs.append(i == 0 ? "" : ",").append("{\"id\": \"r").append(i).append("\", \"name\": \"")
          .append(i == 10 ? "evil\\u001b[2J" : "t" + i).append("\", \"state\": \"SCHEDULED\", \"path\": \"").append(i)
          .append("\", \"attempt\": 1}");
    }
    Job job = JSON.readValue("{\"id\": \"j\", \"name\": \"n\", \"state\": \"SCHEDULED\", \"execution\": [" + runs + "]}", Job.class);
    var lines = TaskTree.lines(job, NOW);
    assertThat(lines).hasSize(11);
    assertThat(lines.get(2)).startsWith("t2 ");
    assertThat(lines.get(10)).startsWith("evil\\e[2J").doesNotContain("\u001b");
  }

  @Test
  void elapsedTimesReadAtEveryScale() {
    Instant t = Instant.parse("2026-12-02T10:00:00Z");
    assertThat(TaskTree.elapsed(t, t.plusMillis(4_250), NOW)).isEqualTo("4.2s");
    assertThat(TaskTree.elapsed(t, t.plusSeconds(125), NOW)).isEqualTo("2m05s");
    assertThat(TaskTree.elapsed(t, t.plusSeconds(3 * 3600 + 120), NOW)).isEqualTo("3h02m");
    assertThat(TaskTree.elapsed(null, null, NOW)).isEmpty();
  }
}
