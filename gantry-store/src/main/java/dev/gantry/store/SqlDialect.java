package dev.gantry.store;

import java.util.Map;

/**
 * What differs between the databases the store runs on. The SQL is shared; a dialect overrides
 * only the pieces one database does differently or better.
 */
abstract class SqlDialect {

  private static final String SUPPORTED =
      "Gantry's store supports jdbc:h2:... (e.g. jdbc:h2:file:/var/lib/gantry/gantry) and "
          + "jdbc:postgresql://host:port/database";

  static SqlDialect forUrl(String url) {
    if (url.startsWith(H2Dialect.URL_PREFIX)) {
      return new H2Dialect();
    }
    if (url.startsWith(PostgresDialect.URL_PREFIX)) {
      return new PostgresDialect();
    }
    // Only the scheme: the rest of a URL may hold a password.
    throw new IllegalArgumentException("unsupported database URL " + scheme(url) + "...: " + SUPPORTED);
  }

  /** A short description of the database a URL points at, without credentials; never throws. */
  static String describe(String url) {
    try {
      return forUrl(url).describeUrl(url);
    } catch (IllegalArgumentException e) {
      return "unsupported database " + scheme(url) + "...";
    }
  }

  private static String scheme(String url) {
    int first = url.indexOf(':');
    int second = first < 0 ? -1 : url.indexOf(':', first + 1);
    return second < 0 ? "'" + url.substring(0, Math.max(first, 0)) + "'" : url.substring(0, second + 1);
  }

  /** E.g. {@code H2 file /var/lib/gantry/gantry}; never the user or password. */
  abstract String describeUrl(String url);

  /** The type of text columns that may exceed a megabyte (specs, results, log parts). */
  abstract String largeTextType();

  /** The type of binary columns that may exceed a megabyte (artifacts). */
  abstract String largeBytesType();

  final Map<String, String> migrationPlaceholders() {
    return Map.of("large_text", largeTextType(), "large_bytes", largeBytesType());
  }

  /** Appended to the select that reads a job before changing it, to hold its row until commit. */
  String lockRowClause() {
    return " for update";
  }

  /**
   * Appended to the select of claim candidates. By default candidates are read without locks and
   * the claim's version check decides who wins, which is correct on any database.
   */
  String claimCandidatesClause() {
    return "";
  }

  /**
   * How many candidates one look at a queue reads. Without row locks, concurrent claimers see
   * the same oldest runs, so each reads a few and moves to the next when it loses one.
   */
  int claimCandidates() {
    return 8;
  }

  /** Inserts (job_id, engine_id, pinned_at) into job_engines, unless the job has a row there. */
  String insertIfAbsentJobEngine() {
    return "merge into job_engines p using (values (cast(? as varchar(64)), cast(? as varchar(128)),"
        + " cast(? as timestamp with time zone))) s (job_id, engine_id, pinned_at) on p.job_id = s.job_id"
        + " when not matched then insert (job_id, engine_id, pinned_at) values (s.job_id, s.engine_id, s.pinned_at)";
  }

  /** See {@link dev.gantry.core.spi.Store#writeLanes()}: H2 writes its commits one at a time. */
  int writeLanes() {
    return 1;
  }
}
