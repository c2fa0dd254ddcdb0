package dev.gantry.core.engine;

import dev.gantry.core.auth.Principal;
import dev.gantry.core.auth.Scope;
import dev.gantry.core.job.Artifact;
import dev.gantry.core.job.JobNumber;
import dev.gantry.core.job.LogPart;
import dev.gantry.core.job.Page;
import dev.gantry.core.job.StepRun;
import dev.gantry.core.job.TaskRun;
import dev.gantry.core.spi.Store;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What dialects read of session jobs beyond a job and its runs: job numbers, the steps of a job's
 * latest session run, their logs, and artifacts. Every read needs {@code jobs:read}, as
 * {@link JobService}'s do.
 */
public final class SessionJobs {

  private static final int LOG_PAGE = 500;

  private final Store store;
  private final JobService jobs;

  SessionJobs(Store store, JobService jobs) {
    this.store = store;
    this.jobs = jobs;
  }

  public long number(String jobId) {
    return store.jobNumber(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
  }

  /** The id of the job numbered {@code number}. */
  public String jobWithNumber(long number) {
    return store.jobWithNumber(number).orElseThrow(() -> new NotFoundException("job", Long.toString(number)));
  }

  /** The caller's own jobs of {@code dialect}, numbered {@code atMost} or less, the highest first. */
  public List<JobNumber> ownJobs(Principal caller, String dialect, long atMost, int limit) {
    caller.require(Scope.JOBS_READ);
    return store.numberedJobsOf(caller.user(), dialect, atMost, limit);
  }

  /** How many of the caller's own jobs are of {@code dialect}. */
  public long ownJobCount(Principal caller, String dialect) {
    caller.require(Scope.JOBS_READ);
    return store.jobCountOf(caller.user(), dialect);
  }

  /** The steps of the job's latest run (its current attempt); none before it has one. */
  public List<StepRun> steps(Principal caller, String jobId) {
    return latestRun(caller, jobId).map(run -> store.stepsOf(run.id())).orElse(List.of());
  }

  /** The output of step {@code index} of the job's latest run so far, in order; empty before it printed anything. */
  public String stepLog(Principal caller, String jobId, int index) {
    Optional<TaskRun> run = latestRun(caller, jobId);
    if (run.isEmpty()) {
      return "";
    }
    String logId = StepRun.logId(run.get().id(), index);
    List<LogPart> parts = new ArrayList<>();
    for (int page = 1; ; page++) {
      Page<LogPart> newestFirst = store.runLog(logId, page, LOG_PAGE);
      parts.addAll(newestFirst.items());
      if (page >= newestFirst.totalPages()) {
        break;
      }
    }
    Collections.reverse(parts);
    StringBuilder text = new StringBuilder();
    parts.forEach(p -> text.append(p.contents()));
    return text.toString();
  }

  public List<Artifact> artifacts(Principal caller, String jobId) {
    jobs.job(caller, jobId);
    return store.artifactsOf(jobId);
  }

  /** The artifact's bytes, if it is one of the job's. */
  public byte[] artifactContent(Principal caller, String jobId, long artifactId) {
    boolean ofJob = artifacts(caller, jobId).stream().anyMatch(a -> a.id() == artifactId);
    return (ofJob ? store.artifactContent(artifactId) : Optional.<byte[]>empty())
        .orElseThrow(() -> new NotFoundException("artifact", Long.toString(artifactId)));
  }

  private Optional<TaskRun> latestRun(Principal caller, String jobId) {
    List<TaskRun> runs = jobs.runs(caller, jobId);
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
  }
}
