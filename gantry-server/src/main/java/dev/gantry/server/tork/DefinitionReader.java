package dev.gantry.server.tork;

import dev.gantry.core.definition.DefinitionNames;
import dev.gantry.core.definition.EnvEntries;
import dev.gantry.core.definition.JobDefinition;
import dev.gantry.core.spec.ByteSize;
import dev.gantry.core.spec.Echo;
import dev.gantry.core.spec.JobDocuments;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.JobSpecValidator;
import dev.gantry.core.spec.Limits;
import dev.gantry.core.spec.RegistryAuth;
import dev.gantry.core.spec.SpecNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /definitions}, JSON or YAML: {@code name} ({@code project::definition}),
 * {@code image}, {@code command}, {@code parameters}, {@code env} ({@code {KEY: {value, sensitive}}}),
 * {@code timeout} (seconds, 0: none), {@code limits} ({@code cpus}, {@code memory}), {@code
 * registry} ({@code username}, {@code password}) and {@code privileged} (true only where the
 * operator allows it, which {@link dev.gantry.core.definition.DefinitionService} checks). Strict.
 */
final class DefinitionReader {

  private static final Set<String> FIELDS = Set.of("name", "image", "command", "parameters", "env", "timeout", "limits",
      "privileged", "registry");
  private static final Set<String> REGISTRY = Set.of("username", "password");
  private static final int MAX_REGISTRY_TEXT = 256;
  private static final Set<String> LIMITS = Set.of("cpus", "memory");
  private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]{0,511}");
  private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final int MAX_COMMAND = 256;

  private DefinitionReader() {}

  static JobDefinition read(String body, Format format) {
    SpecNode root = SpecNode.root(JobDocuments.parse(body, format));
    root.onlyFields(FIELDS, Set.of());
    String name = root.requiredText("name");
    if (!DefinitionNames.isWellFormed(name)) {
      throw root.invalid("name", "must be " + DefinitionNames.RULE + ", at most 64 characters");
    }
    String image = root.requiredText("image");
    if (!IMAGE.matcher(image).matches()) {
      throw root.invalid("image", "is not an image reference (e.g. busybox:latest)");
    }
    boolean privileged = Boolean.TRUE.equals(root.bool("privileged"));
    List<String> command = root.stringList("command");
    if (command.size() > MAX_COMMAND) {
      throw root.invalid("command", "at most " + MAX_COMMAND + " items are allowed");
    }
    Map<String, String> parameters = root.stringMap("parameters");
    for (String key : parameters.keySet()) {
      if (!PARAMETER.matcher(key).matches()) {
        throw root.invalid("parameters", "'" + Echo.of(key) + "' is not a parameter name (1 to 64 letters, digits, '.', '_' or '-')");
      }
    }
    Integer timeout = root.integer("timeout");
    if (timeout != null && timeout < 0) {
      throw root.invalid("timeout", "must be 0 (none) or a number of seconds");
    }
    EnvEntries env = EnvEntries.read(root, "env");
    return new JobDefinition(name, 0, image, command, parameters, env.plain(), env.sensitive(),
        timeout == null ? 0 : timeout, limits(root.object("limits")), null, null, registry(root.object("registry")), privileged);
  }

  private static RegistryAuth registry(SpecNode registry) {
    if (registry == null) {
      return null;
    }
    registry.onlyFields(REGISTRY, Set.of());
    return new RegistryAuth(registryText(registry, "username"), registryText(registry, "password"));
  }

  private static String registryText(SpecNode registry, String field) {
    String text = registry.requiredText(field);
    if (text.length() > MAX_REGISTRY_TEXT || text.indexOf('\0') >= 0) {
      throw registry.invalid(field, "must be at most " + MAX_REGISTRY_TEXT + " characters, without NUL");
    }
    return text;
  }

  private static Limits limits(SpecNode limits) {
    if (limits == null) {
      return Limits.NONE;
    }
    limits.onlyFields(LIMITS, Set.of());
    Double cpus = limits.parsed("cpus", DefinitionReader::cpus);
    Long memory = limits.parsed("memory", ByteSize::parse);
    if (memory != null && memory < JobSpecValidator.MIN_MEMORY_BYTES) {
      throw limits.invalid("memory", "must be at least 6m (Docker's minimum)");
    }
    return new Limits(cpus, memory, null, null);
  }

  private static Double cpus(String text) {
    try {
      double cpus = Double.parseDouble(text);
      if (!(cpus > 0 && cpus <= 1024)) {
        throw new IllegalArgumentException("must be more than 0 and at most 1024, not " + text);
      }
      return cpus;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a number of CPUs (e.g. .5, 2)");
    }
  }
}
