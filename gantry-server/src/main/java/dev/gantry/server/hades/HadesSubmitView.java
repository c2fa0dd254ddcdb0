package dev.gantry.server.hades;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST /build}'s answer. The seed's client reads {@code id}, Hades' own client reads
 * {@code job_id}: both are the job id. {@code warnings} lists what was accepted but ignored.
 */
record HadesSubmitView(
    String id,
    @JsonProperty("job_id") String jobId,
    String message,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

  static HadesSubmitView of(String id, List<String> warnings) {
    return new HadesSubmitView(id, id, "Successfully enqueued job", warnings);
  }
}
