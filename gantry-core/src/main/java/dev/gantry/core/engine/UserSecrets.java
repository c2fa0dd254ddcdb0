package dev.gantry.core.engine;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.job.UserSecret;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spi.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The secrets users store to name in their jobs: storing one needs {@code jobs:write}; a job names
 * the caller's own secrets, by id or name, and gets their values into its own secrets.
 */
public final class UserSecrets {

  private final Store store;
  private final Clock clock;

  UserSecrets(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Stores a secret of the caller's; returns it with its new uuid. */
  public UserSecret store(Principal caller, String name, String kind, String value, String path, Integer mode) {
    caller.require(Scope.JOBS_WRITE);
    UserSecret secret = new UserSecret(UUID.randomUUID().toString(), caller.user(), name, kind, value, path, mode,
        clock.instant());
    store.insertUserSecret(secret);
    return secret;
  }

  /**
   * The caller's secrets that {@code references} name (each a uuid or a name), in that order.
   *
   * @throws InvalidJobException naming {@code field} when one names none of the caller's secrets
   */
  public List<UserSecret> resolve(Principal caller, List<String> references, String field) {
    List<UserSecret> own = store.userSecretsOf(caller.user());
    List<UserSecret> found = new ArrayList<>();
    for (String reference : references) {
      found.add(own.stream().filter(s -> s.id().equals(reference)).findFirst()
          .or(() -> own.stream().filter(s -> reference.equals(s.name())).reduce((first, later) -> later))
          .orElseThrow(() -> new InvalidJobException(field, "no secret of yours is named '"
              + dev.gantry.core.spec.Echo.of(reference) + "'")));
    }
    return found;
  }
}
