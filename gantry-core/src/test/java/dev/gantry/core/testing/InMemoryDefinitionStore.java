package dev.gantry.core.testing;

import dev.gantry.core.definition.JobDefinition;
import dev.gantry.core.spi.DefinitionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link DefinitionStore} in memory, for the HTTP tests. */
public final class InMemoryDefinitionStore implements DefinitionStore {

  private final Map<String, List<JobDefinition>> byName = new TreeMap<>();

  @Override
  public synchronized JobDefinition insertNextVersion(JobDefinition definition) {
    List<JobDefinition> versions = byName.computeIfAbsent(definition.name(), n -> new ArrayList<>());
    JobDefinition next = definition.asVersion(versions.size() + 1, definition.createdAt(), definition.owner());
    versions.add(next);
    return next;
  }

  @Override
  public synchronized Optional<JobDefinition> findDefinition(String name, int version) {
    List<JobDefinition> versions = byName.getOrDefault(name, List.of());
    return version >= 1 && version <= versions.size() ? Optional.of(versions.get(version - 1)) : Optional.empty();
  }

  @Override
  public synchronized List<JobDefinition> definitionVersions(String name) {
    return List.copyOf(byName.getOrDefault(name, List.of()));
  }

  @Override
  public synchronized List<JobDefinition> latestDefinitions() {
    return byName.values().stream().map(v -> v.get(v.size() - 1)).toList();
  }
}
