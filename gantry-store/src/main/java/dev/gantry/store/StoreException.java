package dev.gantry.store;

import java.sql.SQLException;

/** The database failed or refused a statement; {@link #sqlState()} says how (e.g. 23505: duplicate key). */
public class StoreException extends RuntimeException {

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The SQLSTATE of the database's error, or null when the failure was not the database's answer. */
  public String sqlState() {
    return getCause() instanceof SQLException e ? e.getSQLState() : null;
  }
}
