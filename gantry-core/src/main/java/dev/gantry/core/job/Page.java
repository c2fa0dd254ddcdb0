package dev.gantry.core.job;

import java.util.List;

/** One page of a longer listing; {@code number} is 1-based. */
public record Page<T>(List<T> items, int number, int size, long totalItems) {

  public int totalPages() {
    return (int) ((totalItems + size - 1) / size);
  }
}
