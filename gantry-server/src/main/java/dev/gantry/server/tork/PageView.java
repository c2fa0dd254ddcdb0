package dev.gantry.server.tork;

import dev.gantry.core.job.Page;
import java.util.List;
import java.util.function.Function;

/**
 * Tork's page: {@code number} is 1-based and {@code size} is how many items this page holds (as
 * Tork reports it), not the size asked for.
 */
record PageView<T>(List<T> items, int number, int size, int totalPages, long totalItems) {

  static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
    List<T> items = page.items().stream().map(view).toList();
    return new PageView<>(items, page.number(), items.size(), page.totalPages(), page.totalItems());
  }
}
