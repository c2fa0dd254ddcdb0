package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A piece of a job's output: {@code taskId} is the task run it came from, {@code stream}
 * {@code stdout} or {@code stderr}, {@code contents} whole lines. Ids grow in the order parts were stored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogPart(long id, int number, String taskId, String stream, String contents, Instant createdAt) {}
