package dev.gantry.core.spi;

import dev.gantry.core.auth.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where users' passwords and roles are kept (their tokens: {@link TokenStore}). */
public interface UserStore {

  /**
   * Stores a new user with a password hash; false when a user of that name exists already (with
   * a password or with tokens only: neither is overwritten).
   */
  boolean insertUser(String name, String passwordHash, Instant at);

  /** The stored password hash of {@code user}; empty when it has none, or there is no such user. */
  Optional<String> passwordHash(String user);

  /** False when a role of that name exists already. */
  boolean insertRole(String name, Instant at);

  /** False when there was no such role. */
  boolean deleteRole(String name);

  /** Every role with its members, by name. */
  List<Role> roles();

  Optional<Role> findRole(String name);

  /** Makes {@code user} (created without password when unknown) a member of {@code role}; false when the role does not exist. */
  boolean addMember(String role, String user, Instant at);

  /** False when the user was not a member (or the role does not exist). */
  boolean removeMember(String role, String user);
}
