package dev.gantry.store;

import java.util.concurrent.ThreadLocalRandom;

/** The {@code job_count} table: how many jobs there are, kept in step with every insert. */
final class JobCount {

  /** As many as the migration creates. */
  private static final int SLOTS = 8;

  private JobCount() {}

  /**
   * Adds {@code jobs} to a random slot. Called last in a transaction: holding the slot's row lock
   * only until the commit that follows, it never waits while holding other locks, so it cannot
   * take part in a deadlock.
   */
  static void add(SqlSession sql, int jobs) {
    if (jobs != 0) {
      sql.update("update job_count set jobs = jobs + ? where slot = ?", jobs, ThreadLocalRandom.current().nextInt(SLOTS));
    }
  }

  static long total(SqlSession sql) {
    return sql.count("select sum(jobs) from job_count");
  }
}
