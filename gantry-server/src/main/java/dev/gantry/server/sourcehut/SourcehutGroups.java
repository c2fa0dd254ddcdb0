package dev.gantry.server.sourcehut;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.engine.JobGroups;
import dev.gantry.core.engine.JobService;
import dev.gantry.core.engine.JobStateException;
import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobGroup;
import dev.gantry.core.job.JobState;
import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.server.Callers;
import dev.gantry.server.DialectRoutes;
import dev.gantry.server.JsonResponses;
import dev.gantry.server.RequestBody;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * builds.sr.ht's job groups at {@code /api/job-group}: jobs (by id) their owner starts and cancels
 * together; {@code {id, note, owner, jobs: [{id, status}]}}.
 */
final class SourcehutGroups {

  private final JobService jobs;
  private final JobGroups groups;
  private final BuildLookup builds;
  private final long maxRequestBytes;
  private final boolean smtpConfigured;

  SourcehutGroups(JobService jobs, JobGroups groups, BuildLookup builds, long maxRequestBytes, boolean smtpConfigured) {
    this.jobs = jobs;
    this.groups = groups;
    this.builds = builds;
    this.maxRequestBytes = maxRequestBytes;
    this.smtpConfigured = smtpConfigured;
  }

  void register(DialectRoutes routes) {
    routes
        .post("/api/job-group", this::createGroup)
        .get("/api/job-group/{id}", this::showGroup)
        .post("/api/job-group/{id}/start", this::startGroup)
        .post("/api/job-group/{id}/cancel", this::cancelGroup);
  }

  private void createGroup(Context ctx) {
    Principal caller = Callers.of(ctx);
    JobGroupRequest request = JobGroupRequest.read(RequestBody.utf8(ctx, maxRequestBytes));
    List<EndTrigger> triggers = SourcehutTriggers.of(request.triggers(), smtpConfigured, "triggers", "triggers");
    jobs.callTargets().check(triggers, "triggers");
    List<Job> members = new ArrayList<>();
    for (long number : request.jobs()) {
      members.add(builds.writable(caller, number));
    }
    JobGroup group = groups.create(caller, request.note(), request.jobs(), triggers);
    if (request.execute()) {
      startHeld(caller, members);
    }
    JsonResponses.write(ctx, 200, groupView(builds, caller, group));
  }

  private void showGroup(Context ctx) {
    Principal caller = Callers.of(ctx);
    JsonResponses.write(ctx, 200, groupView(builds, caller, groups.group(caller, BuildLookup.number(ctx))));
  }

  /** Starts the group's jobs that are still pending (held). */
  private void startGroup(Context ctx) {
    Principal caller = Callers.of(ctx);
    JobGroup group = groups.group(caller, BuildLookup.number(ctx));
    List<Job> members = new ArrayList<>();
    for (long n : group.jobs()) {
      members.add(builds.writable(caller, n));
    }
    if (members.stream().noneMatch(j -> j.state() == JobState.HELD)) {
      throw new InvalidJobException("", "This job group is already started");
    }
    startHeld(caller, members);
    JsonResponses.write(ctx, 200, Map.of());
  }

  /** Cancels the group's jobs that have not ended. */
  private void cancelGroup(Context ctx) {
    Principal caller = Callers.of(ctx);
    JobGroup group = groups.group(caller, BuildLookup.number(ctx));
    for (long n : group.jobs()) {
      Job job = builds.writable(caller, n);
      if (job.state().isCancellable()) {
        try {
          jobs.cancel(caller, job.id());
        } catch (JobStateException endedMeanwhile) {
          // it ended between the read and the cancel: nothing to cancel
        }
      }
    }
    JsonResponses.write(ctx, 200, Map.of());
  }

  private void startHeld(Principal caller, List<Job> members) {
    for (Job job : members) {
      if (job.state() == JobState.HELD) {
        try {
          jobs.start(caller, job.id());
        } catch (JobStateException startedMeanwhile) {
          // started by someone else between the read and now
        }
      }
    }
  }

  /** The group as builds.sr.ht shows it: {@code {id, note, owner, jobs: [{id, status}]}}. */
  static Map<String, Object> groupView(BuildLookup builds, Principal caller, JobGroup group) {
    List<Map<String, Object>> members = new ArrayList<>();
    for (long n : group.jobs()) {
      Map<String, Object> member = new LinkedHashMap<>();
      member.put("id", n);
      member.put("status", SourcehutStates.of(builds.readable(caller, n).state()));
      members.add(member);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", group.id());
    view.put("note", group.note());
    view.put("owner", new SourcehutJobView.OwnerView("~" + group.owner(), group.owner()));
    view.put("jobs", members);
    return view;
  }
}
