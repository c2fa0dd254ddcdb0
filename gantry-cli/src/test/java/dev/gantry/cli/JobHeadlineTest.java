package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.client.Job;
import org.junit.jupiter.api.Test;

class JobHeadlineTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String headline(String state, int position, int taskCount) throws Exception {
    return JobHeadline.of(JSON.readValue("""
        {"id": "0190aaaa", "name": "build", "state": "%s", "position": %d, "taskCount": %d}"""
        .formatted(state, position, taskCount), Job.class));
  }

  @Test
  void aCompletedJobIsPastItsLastTaskAndShowsThemAllDone() throws Exception {
    assertThat(headline("COMPLETED", 5, 4)).isEqualTo("0190aaaa  build  COMPLETED  all 4 tasks done");
    assertThat(headline("COMPLETED", 2, 1)).isEqualTo("0190aaaa  build  COMPLETED  its task done");
  }

  @Test
  void anyOtherJobShowsTheTaskItIsAt() throws Exception {
    assertThat(headline("SCHEDULED", 1, 4)).isEqualTo("0190aaaa  build  SCHEDULED  task 1 of 4");
    assertThat(headline("RUNNING", 4, 4)).isEqualTo("0190aaaa  build  RUNNING  task 4 of 4");
    assertThat(headline("FAILED", 2, 4)).isEqualTo("0190aaaa  build  FAILED  task 2 of 4");
  }
}
