package dev.gantry.store;

import dev.gantry.core.job.JobGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code job_groups} and {@code job_group_members} tables. */
final class JobGroupRows {

  private JobGroupRows() {}

  static JobGroup insert(SqlSession sql, JobGroup group) {
    long id = sql.insertReturningId("insert into job_groups (owner, note, created_at) values (?, ?, ?)", group.owner(),
        group.note(), group.createdAt());
    List<Object[]> members = new ArrayList<>();
    for (int i = 0; i < group.jobs().size(); i++) {
      members.add(new Object[] {id, i, group.jobs().get(i)});
    }
    sql.batch("insert into job_group_members (group_id, position, job_number) values (?, ?, ?)", members);
    return new JobGroup(id, group.owner(), group.note(), group.jobs(), Timestamps.stored(group.createdAt()));
  }

  static Optional<JobGroup> find(SqlSession sql, long id) {
    List<Long> jobs = sql.list("select job_number from job_group_members where group_id = ? order by position",
        row -> row.getLong("job_number"), id);
    return sql.first("select id, owner, note, created_at from job_groups where id = ?", row -> new JobGroup(
        row.getLong("id"), row.getString("owner"), row.getString("note"), jobs, Timestamps.read(row, "created_at")), id);
  }
}
