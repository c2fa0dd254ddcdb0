package dev.gantry.core.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * In which order a claim looks at the queues a worker serves: groups of equal priority, the
 * lowest number first; within a group the oldest run wins, as it does without settings. Disabled
 * queues are left out. Queues are named in one order everywhere (priority, then name), so that
 * claimers locking the rows of limited queues lock them in the same order.
 */
public final class ClaimOrder {

  private ClaimOrder() {}

  /** {@code configured}: the settings stored for some of {@code served}; the rest have the defaults. */
  public static List<List<QueueSettings>> of(Set<String> served, List<QueueSettings> configured) {
    Map<String, QueueSettings> own = configured.stream()
        .collect(Collectors.toMap(QueueSettings::name, Function.identity(), (a, b) -> a));
    Map<Integer, List<QueueSettings>> byPriority = new TreeMap<>();
    served.stream()
        .map(name -> own.getOrDefault(name, QueueSettings.defaults(name)))
        .filter(QueueSettings::enabled)
        .sorted(Comparator.comparing(QueueSettings::name))
        .forEach(q -> byPriority.computeIfAbsent(q.priority(), p -> new ArrayList<>()).add(q));
    return List.copyOf(byPriority.values());
  }
}
