package dev.gantry.core.auth;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated request for a new token: for {@code user} (null: the caller), named {@code name},
 * allowing {@code scopes}, valid for {@code expiresIn} (null: until revoked).
 */
public record TokenRequest(String user, String name, Set<Scope> scopes, Duration expiresIn) {

  /** What a user name may be: also where it ends up (logs, the jobs' owner). */
  public static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
  private static final Pattern DAYS = Pattern.compile("(\\d{1,4})d");
  private static final Pattern HOURS_MINUTES = Pattern.compile("(\\d{1,6})([hm])");
  private static final Duration LONGEST = Duration.ofDays(3650);

  public TokenRequest {
    if (user != null && !USER_NAME.matcher(user).matches()) {
      throw new InvalidAuthRequestException("user", "must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
    }
    if (name == null || name.isBlank()) {
      throw new InvalidAuthRequestException("name", "is required (it tells your tokens apart)");
    }
    if (name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidAuthRequestException("name", "must be at most 128 characters without control characters");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw new InvalidAuthRequestException("scopes", "name at least one of jobs:read, jobs:write, admin");
    }
    scopes = Set.copyOf(EnumSet.copyOf(scopes));
    if (expiresIn != null && (expiresIn.isNegative() || expiresIn.isZero() || expiresIn.compareTo(LONGEST) > 0)) {
      throw new InvalidAuthRequestException("expiresIn", "must be more than 0 and at most 3650d");
    }
  }

  /** Reads the scopes' names, e.g. {@code ["jobs:read"]}. */
  public static Set<Scope> scopes(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new InvalidAuthRequestException("scopes", "name at least one of jobs:read, jobs:write, admin");
    }
    if (names.size() > 16) {
      throw new InvalidAuthRequestException("scopes", "at most 16 are allowed, not " + names.size());
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (int i = 0; i < names.size(); i++) {
      scopes.add(Scope.parse("scopes[" + i + "]", names.get(i)));
    }
    return scopes;
  }

  /** Reads an expiry such as {@code 30d}, {@code 12h} or {@code 90m}; null or empty: none. */
  public static Duration expiresIn(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    Matcher days = DAYS.matcher(text);
    if (days.matches()) {
      return Duration.ofDays(Long.parseLong(days.group(1)));
    }
    Matcher other = HOURS_MINUTES.matcher(text);
    if (other.matches()) {
      long n = Long.parseLong(other.group(1));
      return other.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofMinutes(n);
    }
    String shown = text.length() > 32 ? text.substring(0, 32) + "..." : text;
    throw new InvalidAuthRequestException("expiresIn", "'" + shown + "' is not a duration: use days, hours or minutes, e.g. 30d, 12h, 90m");
  }
}
