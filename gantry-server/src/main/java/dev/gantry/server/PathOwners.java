package dev.gantry.server;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.stream.Collectors;

/**
 * Which dialect answers for a path no route matched: the one with the longest prefix of it, so
 * that {@code GET /build/x} gets a Hades error and {@code GET /nope} a native one.
 */
final class PathOwners {

  private final List<Entry<String, HttpDialect>> byLongestPrefix;

  PathOwners(List<HttpDialect> dialects) {
    Map<String, HttpDialect> owners = dialects.stream()
        .flatMap(d -> d.pathPrefixes().stream().map(prefix -> Map.entry(normalised(prefix), d)))
        .collect(Collectors.toMap(Entry::getKey, Entry::getValue, (a, b) -> {
          throw new IllegalArgumentException("two dialects claim the same path prefix");
        }));
    if (!owners.containsKey("/")) {
      throw new IllegalArgumentException("one dialect must own '/' to answer for unknown paths");
    }
    this.byLongestPrefix = owners.entrySet().stream()
        .sorted(Comparator.comparingInt((Entry<String, HttpDialect> e) -> e.getKey().length()).reversed())
        .toList();
  }

  HttpDialect ownerOf(String path) {
    for (Entry<String, HttpDialect> owner : byLongestPrefix) {
      String prefix = owner.getKey();
      if (prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/")) {
        return owner.getValue();
      }
    }
    throw new IllegalStateException("no dialect owns " + path); // unreachable: '/' owns everything
  }

  private static String normalised(String prefix) {
    String p = prefix.startsWith("/") ? prefix : "/" + prefix;
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
