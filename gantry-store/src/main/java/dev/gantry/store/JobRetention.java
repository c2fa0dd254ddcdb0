package dev.gantry.store;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.JobState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The retention columns of {@code jobs} ({@code ended_at}, {@code delete_at}) and the deletion of
 * an ended job with every row that belongs to it. A job with a call still PENDING in the outbox
 * is kept until the call is delivered or given up: deleting it would lose the call.
 */
final class JobRetention {

  private static final String ENDED = "state in ('SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMED_OUT')";
  private static final String NO_PENDING_CALL =
      "not exists (select 1 from deliveries d where d.job_id = jobs.id and d.state = 'PENDING')";

  private JobRetention() {}

  /** Records when {@code job} ended (or clears it, for a job a restart took back): called when its state crosses the end. */
  static void marked(SqlSession sql, Job job, JobState before) {
    boolean ended = job.state().isTerminal();
    if (before == null ? !ended : before.isTerminal() == ended) {
      return;
    }
    if (!ended) {
      sql.update("update jobs set ended_at = null, delete_at = null where id = ?", job.id());
      return;
    }
    Instant at = job.completedAt() != null ? job.completedAt() : job.failedAt() != null ? job.failedAt()
        : job.cancelledAt() != null ? job.cancelledAt() : Instant.now();
    Instant deleteAt = job.spec().autoDeleteAfter() == null ? null : at.plus(job.spec().autoDeleteAfter());
    sql.update("update jobs set ended_at = ?, delete_at = ? where id = ?", at, deleteAt, job.id());
  }

  /** Up to {@code limit} ended jobs to delete at {@code now}: asked to by now, or ended before {@code endedBefore} (null: no retention). */
  static List<String> due(SqlSession sql, Instant now, Instant endedBefore, int limit) {
    Set<String> ids = new LinkedHashSet<>(sql.list("select id from jobs where delete_at <= ? and " + ENDED + " and "
        + NO_PENDING_CALL + " order by delete_at fetch first ? rows only", row -> row.getString(1), now, limit));
    if (endedBefore != null && ids.size() < limit) {
      ids.addAll(sql.list("select id from jobs where ended_at < ? and " + ENDED + " and " + NO_PENDING_CALL
          + " order by ended_at fetch first ? rows only", row -> row.getString(1), endedBefore, limit - ids.size()));
    }
    return new ArrayList<>(ids);
  }

  /** Deletes an ended job that has no PENDING call, with all its rows; false when it is not (any more) such a job. */
  static boolean delete(SqlSession sql, JobRows jobs, String id) {
    Job job = jobs.lock(sql, id).orElse(null);
    if (job == null || !job.state().isTerminal()
        || sql.count("select count(*) from deliveries where job_id = ? and state = 'PENDING'", id) > 0) {
      return false;
    }
    JobWords.deleteAll(sql, id, JobWords.Searched.of(job));
    sql.update("delete from deliveries where job_id = ?", id);
    sql.update("delete from job_access where job_id = ?", id);
    // builds.sr.ht groups name their members by job number; session steps and artifacts follow the job (on delete cascade).
    sql.update("delete from job_group_members where job_number = (select number from jobs where id = ?)", id);
    sql.update("delete from jobs where id = ?", id); // runs, log parts and tags follow (on delete cascade)
    JobCount.add(sql, -1);
    return true;
  }
}
