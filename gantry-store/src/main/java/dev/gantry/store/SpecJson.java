package dev.gantry.store;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.util.List;
import java.util.Map;

/** A job's spec as the store keeps it: JSON, with durations as ISO-8601 text ({@code PT5M}). */
final class SpecJson {

  private static final ObjectMapper MAPPER = mapper();

  private SpecJson() {}

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        // Rows outlive releases: a spec written by a newer Gantry (more fields) or an older one
        // (fewer lists and maps) still reads; a missing list or map reads as empty, not null.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.configOverride(List.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    mapper.configOverride(Map.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    mapper.configOverride(java.util.Set.class).setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    return mapper;
  }

  static String write(JobSpec spec) {
    try {
      return MAPPER.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job spec could not be written as JSON", e);
    }
  }

  /** A run's task as evaluated ({@code task_runs.spec}); it never changes after the insert. */
  static String writeTask(TaskSpec task) {
    try {
      return MAPPER.writeValueAsString(task);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a task spec could not be written as JSON", e);
    }
  }

  static TaskSpec readTask(String json) {
    try {
      return MAPPER.readValue(json, TaskSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored task spec is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A job's secrets, as {@code jobs.secrets} keeps them. */
  static String writeSecrets(Map<String, String> secrets) {
    try {
      return MAPPER.writeValueAsString(secrets);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job's secrets could not be written as JSON", e);
    }
  }

  /** A job's secrets; none for null (a job without secrets, or stored before them). */
  static Map<String, String> readSecrets(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      // Never the text: it holds the values.
      throw new IllegalStateException("a job's stored secrets are not valid JSON");
    }
  }

  static JobSpec read(String json) {
    try {
      return MAPPER.readValue(json, JobSpec.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored job spec is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A job group's triggers, as {@code job_groups.triggers} keeps them (null for none). */
  static String writeTriggers(List<EndTrigger> triggers) {
    if (triggers.isEmpty()) {
      return null;
    }
    try {
      return MAPPER.writeValueAsString(triggers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job group's triggers could not be written as JSON", e);
    }
  }

  static List<EndTrigger> readTriggers(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return MAPPER.readValue(json, new TypeReference<List<EndTrigger>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a job group's stored triggers are not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
