package dev.gantry.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 7: word search by the {@code job_words} index instead of a substring scan of
 * {@code jobs.search_text}. Creates the table, fills it from every stored job (splitting text into
 * words the way new jobs are split, which SQL cannot do the same way on both databases), then drops
 * the old column. Re-runnable: H2 commits DDL at once, so a crash part-way leaves the table behind.
 */
final class JobWordsMigration extends JavaSchemaVersion {

  private static final int BATCH = 1_000;

  JobWordsMigration() {
    super("7", "job words");
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    try (Statement ddl = connection.createStatement()) {
      // No foreign key to jobs: checking it would cost a lookup of the job per word on every
      // submit, and JobRows writes a job's words only with the job itself.
      ddl.execute("create table if not exists job_words (word varchar(" + JobWords.MAX_LENGTH + ") not null,"
          + " created_at timestamp with time zone not null, job_id varchar(64) not null)");
      ddl.execute("delete from job_words");
    }
    SqlSession sql = new SqlSession(connection);
    try (Statement jobs = connection.createStatement()) {
      jobs.setFetchSize(BATCH);
      try (ResultSet row = jobs.executeQuery("select id, name, description, state, created_at from jobs")) {
        Map<String, JobWords.Searched> batch = new HashMap<>();
        while (row.next()) {
          batch.put(row.getString("id"), new JobWords.Searched(row.getString("name"), row.getString("description"),
              row.getString("state"), Timestamps.read(row, "created_at"), null));
          if (batch.size() == BATCH) {
            JobWords.insert(sql, batch);
            batch.clear();
          }
        }
        JobWords.insert(sql, batch);
      }
    }
    try (Statement ddl = connection.createStatement()) {
      // A word's jobs newest first, as listing orders them: page 1 of a search is a range scan.
      // Built after the backfill: sorting once is far faster than 100,000s of scattered inserts.
      ddl.execute("create unique index if not exists job_words_newest on job_words (word, created_at desc, job_id desc)");
      ddl.execute("alter table jobs drop column if exists search_text");
    }
  }
}
