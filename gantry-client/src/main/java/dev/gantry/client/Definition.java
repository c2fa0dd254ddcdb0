package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of a job definition (immutable once stored). {@code reference} is what a job
 * names it by ({@code name:version}); a sensitive variable's value is never returned.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Definition(String name, int version, String reference, String image, List<String> command,
    Map<String, String> parameters, Map<String, EnvVar> env, int timeout, Instant createdAt, String owner) {

  /** A variable of a definition: its value, or null when it is sensitive. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EnvVar(String value, boolean sensitive) {}
}
