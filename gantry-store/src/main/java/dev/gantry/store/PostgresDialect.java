package dev.gantry.store;

/** PostgreSQL 12 and later. */
final class PostgresDialect extends SqlDialect {

  static final String URL_PREFIX = "jdbc:postgresql:";

  @Override
  String describeUrl(String url) {
    String database = url.substring(URL_PREFIX.length()).split("\\?", 2)[0];
    if (database.startsWith("//")) {
      database = database.substring(2);
    }
    return "PostgreSQL " + database.substring(database.indexOf('@') + 1);
  }

  @Override
  String largeTextType() {
    return "text";
  }

  /**
   * FOR UPDATE would also block the key-share locks that inserting a job's task runs or log parts
   * takes on the job row (foreign keys); NO KEY UPDATE serialises job changes just the same.
   */
  @Override
  String lockRowClause() {
    return " for no key update";
  }

  /** Claimers skip runs another claimer holds instead of queueing behind it. */
  @Override
  String claimCandidatesClause() {
    return " for update skip locked";
  }

  /**
   * With SKIP LOCKED the candidate read of each queue is ours to take; more would only hold locks
   * longer. (Claiming from several queues locks one per queue and takes the oldest; the commit
   * right after releases the others.)
   */
  @Override
  int claimCandidates() {
    return 1;
  }

  /** While one transaction waits for its commit (a WAL flush), another can fill. */
  @Override
  int writeLanes() {
    return 2;
  }

  /** A concurrent pin of the same job is waited for, then kept: no unique violation aborts the claim. */
  @Override
  String insertIfAbsentJobEngine() {
    return "insert into job_engines (job_id, engine_id, pinned_at) values (?, ?, ?) on conflict (job_id) do nothing";
  }

  @Override
  String largeBytesType() {
    return "bytea";
  }
}
