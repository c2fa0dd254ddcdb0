package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A queue: {@code size} runs waiting, {@code unacked} running, {@code subscribers} workers taking
 * it; its settings {@code priority} (the lower runs first), {@code maxConcurrency} (0: no limit) and {@code enabled}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Queue(String name, long size, int subscribers, long unacked, int priority, int maxConcurrency,
    boolean enabled) {}
