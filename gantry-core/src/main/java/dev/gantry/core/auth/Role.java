package dev.gantry.core.auth;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** A named group of users that an admin manages; jobs' access lists name it as {@code role:NAME}. */
public record Role(String name, Set<String> members, Instant createdAt) {

  public Role {
    members = Set.copyOf(new TreeSet<>(members));
  }
}
