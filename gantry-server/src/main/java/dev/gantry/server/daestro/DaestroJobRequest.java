package dev.gantry.server.daestro;

import dev.gantry.core.definition.DefinitionNames;
import dev.gantry.core.definition.EnvEntries;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code POST /v1/client/job} body. {@code name} null: none given (no uniqueness);
 * {@code command} null: the definition's; {@code scheduleAt} null: now.
 */
record DaestroJobRequest(DefinitionNames.Reference definition, String queue, String name, List<String> command,
    Map<String, String> parameters, EnvEntries env, Instant scheduleAt) {}
