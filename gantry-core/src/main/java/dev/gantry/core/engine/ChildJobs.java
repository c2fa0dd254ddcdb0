package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobParent;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.spec.JobSpec;
import java.time.Instant;

/**
 * The one place a sub-job is made from its parent: it belongs to the parent's owner, is seen and
 * changed by whom the parent is (its access list, whatever the sub-job's own spec says), and names
 * the parent, the task that started it and the root of the tree. It carries the parent's dialect: a sub-job
 * of a Hades job is listed and searched ({@code dialect:hades}) with its parent.
 */
final class ChildJobs {

  private ChildJobs() {}

  static Job of(Job parent, NodePath path, JobSpec spec, Instant now) {
    JobSpec inheriting = spec.withAccess(parent.spec().access().inheritedFrom(parent.owner()))
        .withDialect(parent.spec().dialect());
    return Job.queued(Ids.newId(), parent.owner(), inheriting, now).under(new JobParent(parent.id(), path, parent.rootId()));
  }
}
