package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** A named group of users that jobs' {@code permissions} can name. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Role(String name, List<String> members, Instant createdAt) {

  public Role {
    members = members == null ? List.of() : List.copyOf(members);
  }
}
