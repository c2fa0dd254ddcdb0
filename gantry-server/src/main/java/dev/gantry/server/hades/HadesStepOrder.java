package dev.gantry.server.hades;

import dev.gantry.core.spec.SpecNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The order steps run in. The seed documents {@code id} as the order (1, 2, 3... each once) and
 * Gantry runs such steps by id; Hades 1.0 accepts any ids and runs the steps as listed, so steps
 * whose ids are not 1..n each once (missing, 0, repeated, with gaps) run as listed, with a warning.
 */
final class HadesStepOrder {

  /** The steps in the order they run; {@code warning} says when that is not id order. */
  record Ordered(List<SpecNode> steps, Optional<String> warning) {}

  private HadesStepOrder() {}

  static Ordered of(List<SpecNode> steps) {
    Set<Long> ids = new HashSet<>();
    for (SpecNode step : steps) {
      Long id = HadesJobReader.wholeNumber(step, "id");
      if (id != null && id >= 1 && id <= steps.size()) {
        ids.add(id);
      }
    }
    if (ids.size() == steps.size()) {
      List<SpecNode> ordered = new ArrayList<>(steps);
      ordered.sort(Comparator.comparingLong(step -> HadesJobReader.wholeNumber(step, "id")));
      return new Ordered(ordered, Optional.empty());
    }
    return new Ordered(List.copyOf(steps), Optional.of(
        "steps: the ids are not 1.." + steps.size() + " each once, so the steps run in the order they are listed (as Hades 1.0 runs them)"));
  }
}
