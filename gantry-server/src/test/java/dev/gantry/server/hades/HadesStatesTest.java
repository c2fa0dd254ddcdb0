package dev.gantry.server.hades;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.job.JobState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every job state under the seed's names and under the log manager's. */
class HadesStatesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "HELD, pending, Queued", "SCHEDULED, pending, Queued", "QUEUED, pending, Queued", "RUNNING, running, Running",
      "SUCCEEDED, success, Succeeded", "FAILED, failed, Failed", "TIMED_OUT, failed, Failed", "CANCELLED, failed, Stopped"})
  void namesEveryState(JobState state, String api, String logManager) {
    assertThat(HadesStates.of(state)).isEqualTo(api);
    assertThat(HadesStates.ofLogManager(state)).isEqualTo(logManager);
  }
}
