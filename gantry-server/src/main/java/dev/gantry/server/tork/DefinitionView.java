package dev.gantry.server.tork;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gantry.core.definition.JobDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job definition as the native API shows it; a sensitive variable only by name ({@code
 * "sensitive": true}, no value), never its value; the registry by its username only.
 */
record DefinitionView(String name, int version, String reference, String image, List<String> command,
    Map<String, String> parameters, Map<String, EnvView> env, int timeout, @JsonInclude(JsonInclude.Include.NON_NULL) LimitsView limits, boolean privileged,
    Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) String owner,
    @JsonInclude(JsonInclude.Include.NON_NULL) RegistryView registry) {

  /** The registry credentials: the username only, never the password. */
  record RegistryView(String username) {}

  /** One variable: its value unless it is sensitive. */
  record EnvView(@JsonInclude(JsonInclude.Include.NON_NULL) String value, boolean sensitive) {}

  static DefinitionView of(JobDefinition d) {
    Map<String, EnvView> env = new TreeMap<>();
    d.env().forEach((key, value) -> env.put(key, new EnvView(value, false)));
    d.sensitiveEnv().keySet().forEach(key -> env.put(key, new EnvView(null, true)));
    return new DefinitionView(d.name(), d.version(), d.reference(), d.image(), d.command(), new TreeMap<>(d.parameters()),
        env, d.timeoutSeconds(), LimitsView.of(d.limits()), d.privileged(), d.createdAt(), d.owner(),
        d.registry() == null ? null : new RegistryView(d.registry().username()));
  }
}
