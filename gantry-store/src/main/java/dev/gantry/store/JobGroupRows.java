package dev.gantry.store;

import dev.gantry.core.job.JobGroup;
import dev.gantry.core.job.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code job_groups} and {@code job_group_members} tables. */
final class JobGroupRows {

  private static final String COLUMNS = "id, owner, note, created_at, triggers";

  private JobGroupRows() {}

  static JobGroup insert(SqlSession sql, JobGroup group) {
    long id = sql.insertReturningId("insert into job_groups (owner, note, created_at, triggers) values (?, ?, ?, ?)",
        group.owner(), group.note(), group.createdAt(), SpecJson.writeTriggers(group.triggers()));
    List<Object[]> members = new ArrayList<>();
    for (int i = 0; i < group.jobs().size(); i++) {
      members.add(new Object[] {id, i, group.jobs().get(i)});
    }
    sql.batch("insert into job_group_members (group_id, position, job_number) values (?, ?, ?)", members);
    return new JobGroup(id, group.owner(), group.note(), group.jobs(), Timestamps.stored(group.createdAt()), group.triggers());
  }

  static Optional<JobGroup> find(SqlSession sql, long id) {
    return read(sql, "select " + COLUMNS + " from job_groups where id = ?", id);
  }

  /**
   * The groups with triggers, not ended yet, of which job {@code jobId} (ended in this transaction)
   * is a member and whose every member has now ended: each is locked, checked again under its lock
   * (a member ended by another transaction meanwhile is seen once that one committed), and marked ended.
   */
  static List<JobGroup.Ended> endedBy(SqlSession sql, String jobId) {
    List<Long> candidates = sql.list("select distinct g.id from job_groups g"
        + " join job_group_members m on m.group_id = g.id join jobs j on j.number = m.job_number"
        + " where j.id = ? and g.triggers is not null and g.ended = false", row -> row.getLong("id"), jobId);
    List<JobGroup.Ended> ended = new ArrayList<>();
    for (long id : candidates) {
      Optional<JobGroup> group = read(sql, "select " + COLUMNS + " from job_groups where id = ? and ended = false for update", id);
      if (group.isEmpty()) {
        continue;
      }
      List<JobState> states = sql.list("select j.state from job_group_members m join jobs j on j.number = m.job_number"
          + " where m.group_id = ?", row -> JobState.valueOf(row.getString("state")), id);
      if (states.stream().allMatch(JobState::isTerminal)) {
        sql.update("update job_groups set ended = true where id = ?", id);
        ended.add(new JobGroup.Ended(group.get(), states.stream().allMatch(s -> s == JobState.SUCCEEDED)));
      }
    }
    return ended;
  }

  private static Optional<JobGroup> read(SqlSession sql, String query, long id) {
    List<Long> jobs = sql.list("select job_number from job_group_members where group_id = ? order by position",
        row -> row.getLong("job_number"), id);
    return sql.first(query, row -> new JobGroup(row.getLong("id"), row.getString("owner"), row.getString("note"), jobs,
        Timestamps.read(row, "created_at"), SpecJson.readTriggers(row.getString("triggers"))), id);
  }
}
