package dev.gantry.core.definition;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.spec.HostAccessPolicy;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spi.DefinitionStore;
import java.time.Clock;
import java.util.List;

/**
 * Job definitions: each create stores the next version (1, 2, 3...) of its name, never changing an
 * earlier one. Creating needs {@code jobs:write}, reading {@code jobs:read}.
 */
public final class DefinitionService {

  private final DefinitionStore store;
  private final Clock clock;
  private final HostAccessPolicy hostAccess;

  /** Definitions on a server that allows no privileged container. */
  public DefinitionService(DefinitionStore store, Clock clock) {
    this(store, clock, HostAccessPolicy.NONE);
  }

  /** {@code hostAccess}: whether a privileged definition may be stored here (jobs of it are checked again at submit and by the worker). */
  public DefinitionService(DefinitionStore store, Clock clock, HostAccessPolicy hostAccess) {
    this.store = store;
    this.clock = clock;
    this.hostAccess = hostAccess;
  }

  /** Stores {@code draft} (its version is ignored) as the next version of its name; returns it as stored. */
  public JobDefinition create(Principal caller, JobDefinition draft) {
    caller.require(Scope.JOBS_WRITE);
    if (draft.privileged() && !hostAccess.privileged()) {
      throw new InvalidJobException("privileged", HostAccessPolicy.PRIVILEGED_REFUSED);
    }
    return store.insertNextVersion(draft.asVersion(0, clock.instant(), caller.user()));
  }

  /** The newest version of each definition, by name. */
  public List<JobDefinition> list(Principal caller) {
    caller.require(Scope.JOBS_READ);
    return store.latestDefinitions();
  }

  /** Every version of one definition, oldest first; NotFoundException when it has none. */
  public List<JobDefinition> versions(Principal caller, String name) {
    caller.require(Scope.JOBS_READ);
    List<JobDefinition> versions = store.definitionVersions(name);
    if (versions.isEmpty()) {
      throw new NotFoundException("job definition", name);
    }
    return versions;
  }

  /** One version; NotFoundException when there is no such definition or version. */
  public JobDefinition version(Principal caller, String name, int version) {
    caller.require(Scope.JOBS_READ);
    return store.findDefinition(name, version)
        .orElseThrow(() -> new NotFoundException("job definition", name + ":" + version));
  }
}
