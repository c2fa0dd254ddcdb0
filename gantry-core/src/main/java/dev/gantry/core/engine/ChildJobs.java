package dev.gantry.core.engine;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobParent;
import dev.gantry.core.job.NodePath;
import dev.gantry.core.spec.JobSpec;
import java.time.Instant;

/**
 * The one place a sub-job is made from its parent: it belongs to the parent's owner (and, once
 * jobs have access lists, is seen by whom the parent is), and names the parent, the task that
 * started it and the root of the tree.
 */
final class ChildJobs {

  private ChildJobs() {}

  static Job of(Job parent, NodePath path, JobSpec spec, Instant now) {
    return Job.queued(Ids.newId(), parent.owner(), spec, now).under(new JobParent(parent.id(), path, parent.rootId()));
  }
}
