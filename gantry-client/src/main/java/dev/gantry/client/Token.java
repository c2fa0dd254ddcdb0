package dev.gantry.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An API token. {@code secret} is there only in the answer to its creation (it is shown once and
 * stored hashed); lists show everything else. {@code expiresAt} null: until revoked.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Token(String id, @JsonProperty("token") String secret, String user, String name, List<String> scopes,
    Instant createdAt, Instant expiresAt, Instant revokedAt) {}
