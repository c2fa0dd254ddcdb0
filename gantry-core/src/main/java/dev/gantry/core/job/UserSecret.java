package dev.gantry.core.job;

import java.time.Instant;

/**
 * A secret a user stored to name in their jobs: {@code kind} says how a job installs it (a
 * dialect's word, e.g. sourcehut's {@code ssh_key}); {@code path} and {@code mode} place a file
 * (null for the other kinds); {@code name} is optional. Its value is never shown.
 */
public record UserSecret(String id, String owner, String name, String kind, String value, String path, Integer mode,
    Instant createdAt) {

  @Override
  public String toString() {
    return "UserSecret[" + id + ", " + owner + ", " + name + ", " + kind + ", " + path + ", " + mode + "]";
  }
}
