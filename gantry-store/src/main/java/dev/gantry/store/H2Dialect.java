package dev.gantry.store;

/** H2 2.x, embedded (file or memory). */
final class H2Dialect extends SqlDialect {

  static final String URL_PREFIX = "jdbc:h2:";

  @Override
  String describeUrl(String url) {
    // Settings after ';' may include PASSWORD=...; they are never shown.
    String database = url.substring(URL_PREFIX.length()).split(";", 2)[0];
    if (database.startsWith("file:")) {
      return "H2 file " + database.substring("file:".length());
    }
    if (database.startsWith("mem:")) {
      return "H2 memory " + database.substring("mem:".length());
    }
    return "H2 " + database;
  }

  @Override
  String largeTextType() {
    return "character large object";
  }

  @Override
  String largeBytesType() {
    return "binary large object";
  }
}
