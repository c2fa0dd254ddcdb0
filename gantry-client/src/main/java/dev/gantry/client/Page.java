package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One page of a list: {@code number} counts from 1; {@code totalItems} is the whole list's size. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Page<T>(List<T> items, int number, int size, int totalPages, long totalItems) {

  public Page {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
