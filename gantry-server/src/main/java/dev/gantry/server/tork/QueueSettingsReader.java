package dev.gantry.server.tork;

import dev.gantry.core.cluster.QueueSettings;
import dev.gantry.core.spec.JobDocuments;
import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.core.spec.SpecNode;
import java.util.Set;

/**
 * The body of {@code PUT /queues/{name}}: {@code {"priority", "maxConcurrency", "enabled"}}, each
 * optional; a field left out keeps the queue's current value (the default for a queue without
 * settings). Strict: unknown fields are errors.
 */
final class QueueSettingsReader {

  private static final Set<String> FIELDS = Set.of("priority", "maxConcurrency", "enabled");

  private QueueSettingsReader() {}

  static QueueSettings read(String body, QueueSettings current) {
    SpecNode root = SpecNode.root(JobDocuments.parse(body, Format.JSON));
    root.onlyFields(FIELDS, Set.of());
    Integer priority = root.integer("priority");
    Integer maxConcurrency = root.integer("maxConcurrency");
    Boolean enabled = root.bool("enabled");
    return new QueueSettings(current.name(),
        priority != null ? priority : current.priority(),
        maxConcurrency != null ? maxConcurrency : current.maxConcurrency(),
        enabled != null ? enabled : current.enabled());
  }
}
