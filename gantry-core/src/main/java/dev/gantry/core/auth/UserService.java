package dev.gantry.core.auth;

import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.spi.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users with passwords (Tork's {@code POST /users}, for HTTP Basic) and roles: only admins make
 * them. A user signed in with its password may read and change jobs ({@code jobs:read},
 * {@code jobs:write}), never administer; admin rights come with admin tokens. A failed sign-in
 * says the same, and takes as long, whether or not the user exists.
 */
public final class UserService {

  private static final Logger log = LoggerFactory.getLogger(UserService.class);
  /** What a password sign-in may do. */
  public static final Set<Scope> PASSWORD_SCOPES = Set.of(Scope.JOBS_READ, Scope.JOBS_WRITE);
  /** Long enough to resist guessing at PBKDF2's cost, short enough for a header. */
  public static final int SHORTEST_PASSWORD = 12;
  public static final int LONGEST_PASSWORD = 256;
  /** A verified sign-in is not hashed again for this long (PBKDF2 costs ~0.1 s of CPU). */
  static final Duration VERIFIED_FOR = Duration.ofSeconds(5);
  private static final int CACHE_CAPACITY = 1024;
  private static final String REFUSED = "the user name or password is wrong";

  private final UserStore store;
  private final Clock clock;
  private final SignInThrottle throttle;
  private final Map<String, Instant> verified = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > CACHE_CAPACITY;
    }
  };

  public UserService(UserStore store, Clock clock) {
    this(store, clock, new SignInThrottle(clock));
  }

  /** {@code throttle}: what refuses sign-ins after failed ones, before their hash. */
  public UserService(UserStore store, Clock clock, SignInThrottle throttle) {
    this.store = store;
    this.clock = clock;
    this.throttle = throttle;
  }

  /** Makes a user that signs in with {@code password}; admins only. */
  public void create(Principal caller, String user, String password) {
    caller.require(Scope.ADMIN);
    checkName("username", user);
    if (password == null || password.length() < SHORTEST_PASSWORD || password.length() > LONGEST_PASSWORD) {
      throw new InvalidAuthRequestException("password", "must be " + SHORTEST_PASSWORD + " to " + LONGEST_PASSWORD
          + " characters");
    }
    if (password.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidAuthRequestException("password", "must not hold control characters");
    }
    if (!store.insertUser(user, PasswordHash.of(password), clock.instant())) {
      throw new UserExistsException("user", user);
    }
    log.info("user {} made by {}", user, caller.user());
  }

  /** {@link #authenticate(String, String, String)} from an unknown address. */
  public Principal authenticate(String user, String password) {
    return authenticate(user, password, null);
  }

  /**
   * The principal of a user's password sent from {@code client} (an address; null: unknown);
   * UnauthenticatedException, the same for every failure, otherwise. A sign-in verified in the
   * last seconds costs no hash; any other is first admitted by the {@link SignInThrottle}
   * (SignInThrottledException after too many failures for the user or the address).
   */
  public Principal authenticate(String user, String password, String client) {
    if (user == null || password == null || password.length() > LONGEST_PASSWORD
        || !TokenRequest.USER_NAME.matcher(user).matches()) {
      throw new UnauthenticatedException(REFUSED);
    }
    String key = PasswordHash.cacheKey(user, password);
    Instant now = clock.instant();
    synchronized (verified) {
      Instant at = verified.get(key);
      if (at != null && now.isBefore(at.plus(VERIFIED_FOR))) {
        return new Principal(user, PASSWORD_SCOPES);
      }
    }
    throttle.begin(user, client);
    String stored = store.passwordHash(user).orElse(null);
    boolean right = stored == null ? PasswordHash.verifyNothing(password) : PasswordHash.verify(password, stored);
    if (!right) {
      throw new UnauthenticatedException(REFUSED);
    }
    throttle.succeeded(user, client);
    synchronized (verified) {
      verified.put(key, now);
    }
    return new Principal(user, PASSWORD_SCOPES);
  }

  public void createRole(Principal caller, String name) {
    caller.require(Scope.ADMIN);
    checkName("name", name);
    if (!store.insertRole(name, clock.instant())) {
      throw new UserExistsException("role", name);
    }
    log.info("role {} made by {}", name, caller.user());
  }

  public void deleteRole(Principal caller, String name) {
    caller.require(Scope.ADMIN);
    if (!store.deleteRole(name)) {
      throw new NotFoundException("role", name);
    }
    log.info("role {} deleted by {}", name, caller.user());
  }

  public List<Role> roles(Principal caller) {
    caller.require(Scope.ADMIN);
    return store.roles();
  }

  public Role role(Principal caller, String name) {
    caller.require(Scope.ADMIN);
    return store.findRole(name).orElseThrow(() -> new NotFoundException("role", name));
  }

  /** Adds {@code user} (known or not: a user of tokens only may be added before its first token) to the role. */
  public void addMember(Principal caller, String role, String user) {
    caller.require(Scope.ADMIN);
    checkName("user", user);
    if (!store.addMember(role, user, clock.instant())) {
      throw new NotFoundException("role", role);
    }
    log.info("{} added to role {} by {}", user, role, caller.user());
  }

  public void removeMember(Principal caller, String role, String user) {
    caller.require(Scope.ADMIN);
    if (!store.removeMember(role, user)) {
      throw new NotFoundException("member of role " + role, user);
    }
    log.info("{} removed from role {} by {}", user, role, caller.user());
  }

  private static void checkName(String field, String name) {
    if (name == null || !TokenRequest.USER_NAME.matcher(name).matches()) {
      throw new InvalidAuthRequestException(field, "must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
    }
  }
}
