package dev.gantry.core.spi;

import dev.gantry.core.definition.JobDefinition;
import java.util.List;
import java.util.Optional;

/** Where job definitions are kept: immutable rows, one per version. */
public interface DefinitionStore {

  /**
   * Stores {@code definition} as the version after the newest of its name (1 for a new name) and
   * returns it with that version; two creates of one name at once get two versions.
   */
  JobDefinition insertNextVersion(JobDefinition definition);

  Optional<JobDefinition> findDefinition(String name, int version);

  /** Every version of the definition, oldest first. */
  List<JobDefinition> definitionVersions(String name);

  /** The newest version of every definition, by name. */
  List<JobDefinition> latestDefinitions();
}
