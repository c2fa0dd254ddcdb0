package dev.gantry.core.engine;

import java.util.UUID;

/** New ids for jobs and task runs: 32 hex digits, as Tork writes them. */
public final class Ids {

  private Ids() {}

  public static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
