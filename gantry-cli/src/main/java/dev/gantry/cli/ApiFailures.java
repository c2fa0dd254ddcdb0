package dev.gantry.cli;

import dev.gantry.client.GantryException;
import dev.gantry.client.GantryUnavailableException;

/** A failed call to Gantry in the user's words: the API's message and status, and what to check. */
final class ApiFailures {

  private ApiFailures() {}

  static String describe(GantryException e) {
    if (e instanceof GantryUnavailableException u && u.isUnreachable()) {
      return e.getMessage() + " (is it running? see --server)";
    }
    if (e.isUnauthenticated()) {
      return e.getMessage() + (e.withToken() ? "; check --token (GANTRY_TOKEN)" : "; give a token with --token or GANTRY_TOKEN");
    }
    return e.getMessage();
  }
}
