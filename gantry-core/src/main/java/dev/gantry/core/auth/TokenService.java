package dev.gantry.core.auth;

import dev.gantry.core.engine.Ids;
import dev.gantry.core.engine.NotFoundException;
import dev.gantry.core.spi.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Who a secret belongs to, and the tokens' life: made, listed, revoked. Every dialect authenticates through this. */
public final class TokenService {

  private static final Logger log = LoggerFactory.getLogger(TokenService.class);
  /** The user of the first admin token and of one given by the operator. */
  public static final String ADMIN_USER = "admin";
  /** What an operator's own admin secret must look like: long enough to guess no better than ours, header-safe. */
  private static final Pattern OPERATOR_SECRET = Pattern.compile("[\\x21-\\x7e]{32,512}");
  private static final int LONGEST_SECRET = 512;

  private final TokenStore store;
  private final Clock clock;
  private final TokenCache cache = new TokenCache();

  public TokenService(TokenStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The principal of a valid token's secret; UnauthenticatedException for any other secret. */
  public Principal authenticate(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > LONGEST_SECRET) {
      throw new UnauthenticatedException("the credential is not a valid token");
    }
    Instant now = clock.instant();
    String hash = TokenSecret.hash(secret);
    ApiToken token = cache.get(hash, now);
    if (token == null) {
      token = store.findTokenByHash(hash).orElse(null);
      if (token == null) {
        throw new UnauthenticatedException("the credential is not a valid token");
      }
      cache.put(token, now);
    }
    if (!token.isValidAt(now)) {
      throw new UnauthenticatedException(token.revokedAt() != null ? "the token was revoked" : "the token has expired");
    }
    return token.principal();
  }

  /**
   * Makes a token: an admin for any user with any scopes; anyone else only for itself and within
   * its own scopes.
   */
  public IssuedToken create(Principal caller, TokenRequest request) {
    String user = request.user() == null ? caller.user() : request.user();
    if (!caller.isAdmin()) {
      if (!user.equals(caller.user())) {
        throw new AccessDeniedException("only an admin may make tokens for another user than " + caller.user());
      }
      for (Scope scope : request.scopes()) {
        if (!caller.allows(scope)) {
          throw new AccessDeniedException("a token cannot allow more than its maker's: " + caller.user()
              + " does not have " + scope.wireName());
        }
      }
    }
    Instant now = clock.instant();
    String secret = TokenSecret.generate();
    ApiToken token = new ApiToken(Ids.newId(), user, request.name(), request.scopes(), now,
        request.expiresIn() == null ? null : now.plus(request.expiresIn()), null, TokenSecret.hash(secret));
    store.insertToken(token);
    log.info("token {} ({}) made for {} by {} with scopes {}", token.id(), token.name(), user, caller.user(),
        request.scopes().stream().map(Scope::wireName).sorted().toList());
    return new IssuedToken(token, secret);
  }

  /** The caller's tokens; an admin's view: every user's. */
  public List<ApiToken> tokens(Principal caller) {
    return store.tokens(caller.isAdmin() ? null : caller.user());
  }

  /** Revokes a token of the caller (an admin: of anyone); another user's token does not exist for it. */
  public void revoke(Principal caller, String id) {
    ApiToken token = store.findToken(id).filter(t -> caller.isAdmin() || t.user().equals(caller.user()))
        .orElseThrow(() -> new NotFoundException("token", id));
    store.revokeToken(token.id(), clock.instant());
    cache.forget(token.id());
    log.info("token {} of {} revoked by {}", token.id(), token.user(), caller.user());
  }

  /**
   * Makes sure the operator's admin secret (from {@code GANTRY_ADMIN_TOKEN} or a file) is a valid
   * admin token, storing it the first time it is seen. A revoked one stays revoked: IllegalStateException.
   */
  public void acceptAdminSecret(String secret) {
    checkOperatorSecret(secret);
    String hash = TokenSecret.hash(secret);
    Optional<ApiToken> known = store.findTokenByHash(hash);
    if (known.isEmpty()) {
      Instant now = clock.instant();
      store.insertToken(new ApiToken(Ids.newId(), ADMIN_USER, "operator admin token", Set.of(Scope.ADMIN), now, null, null, hash));
    } else if (!known.get().isValidAt(clock.instant()) || !known.get().principal().isAdmin()) {
      throw new IllegalStateException("the given admin token (" + known.get().id() + ") was revoked, has expired or is not"
          + " an admin token: give another one");
    }
  }

  /** IllegalArgumentException unless {@code secret} could be an operator's admin token. */
  public static void checkOperatorSecret(String secret) {
    if (!OPERATOR_SECRET.matcher(secret).matches()) {
      throw new IllegalArgumentException("the admin token must be 32 to 512 printable ASCII characters without spaces");
    }
  }

  /** Whether the store holds a valid admin token: whether a first one is still to be made. */
  public boolean hasValidAdminToken() {
    return store.hasValidAdminToken(clock.instant());
  }

  /** A new admin token when the store holds no valid one yet (a first start); empty otherwise. */
  public Optional<IssuedToken> createFirstAdminToken() {
    if (store.hasValidAdminToken(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(create(Principal.SYSTEM, new TokenRequest(ADMIN_USER, "first admin token", Set.of(Scope.ADMIN), null)));
  }
}
