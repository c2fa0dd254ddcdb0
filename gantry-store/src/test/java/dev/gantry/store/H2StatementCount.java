package dev.gantry.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How many statements some work runs on an H2 database, by H2's own query statistics, read on a
 * connection of the test's own. Not counted: these counts, and the set-up of a new connection (four
 * SETs from the URL and Hikari's READONLY() check), which the store's pool may be doing in the
 * background while it fills up, and which no unit of work runs.
 */
final class H2StatementCount {

  /** Work to count, which may throw as JDBC does. */
  interface Work {
    void run() throws SQLException;
  }

  private H2StatementCount() {}

  static long of(Connection statistics, Work work) throws SQLException {
    try (Statement s = statistics.createStatement()) {
      // Room for every statement: past its default of 100 entries H2 evicts the oldest, and the
      // sum of their counts would drop.
      s.execute("set query_statistics_max_entries 100000");
      s.execute("set query_statistics true");
      try {
        long before = executed(s);
        work.run();
        return executed(s) - before;
      } finally {
        s.execute("set query_statistics false");
      }
    }
  }

  private static long executed(Statement s) throws SQLException {
    try (ResultSet row = s.executeQuery("select coalesce(sum(execution_count), 0) from information_schema.query_statistics"
        + " where lower(sql_statement) not like '%query_statistics%'"
        + " and lower(sql_statement) not like 'set %' and lower(sql_statement) <> 'call readonly()'")) {
      row.next();
      return row.getLong(1);
    }
  }
}
