package dev.gantry.server.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile reads and state changes of the native API: unknown and malformed ids, absurd and
 * negative page sizes, strange search words, odd methods, and ids that try to inject headers.
 */
public final class ReadCorpus {

  private ReadCorpus() {}

  /** Ids no job or task has, including encoded traversal, NUL, CR/LF and a 10 KB id. */
  static List<String> unknownIds() {
    return List.of("nope", "00000000000000000000000000000000", "..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "%00", "a%00b",
        "%0d%0aX-Injected:%20yes", "%E2%80%AE", "%C3%28", "'%3B%20drop%20table%20jobs%3B--", "x".repeat(10_000), "%FF%FE");
  }

  /** Page parameters that are out of range or not numbers at all. */
  static List<String> badPaging() {
    return List.of("size=0", "size=-1", "size=100000", "size=abc", "size=1e3", "size=99999999999999999999", "page=0",
        "page=-5", "page=2147483648", "page=NaN", "size=%00", "size=0x10", "size=%E2%91%A0");
  }

  /** {@code knownJob} and {@code knownRun} exist: paging is tried on real resources too. */
  public static List<HostileRequest> nativeRequests(String knownJob, String knownRun) {
    List<HostileRequest> requests = new ArrayList<>();
    for (String id : unknownIds()) {
      for (String path : List.of("/jobs/" + id, "/jobs/" + id + "/log", "/jobs/" + id + "/log/stream", "/tasks/" + id,
          "/tasks/" + id + "/log", "/jobs/" + id + "/deliveries")) {
        requests.add(get("unknown id: GET " + path, path));
      }
      requests.add(put("unknown id: cancel " + id, "/jobs/" + id + "/cancel"));
      requests.add(put("unknown id: restart " + id, "/jobs/" + id + "/restart"));
      requests.add(put("unknown id: start " + id, "/jobs/" + id + "/start"));
    }
    for (String paging : badPaging()) {
      for (String path : List.of("/jobs", "/jobs/" + knownJob + "/log", "/tasks/" + knownRun + "/log")) {
        requests.add(get("bad paging: " + path + "?" + paging, path + "?" + paging));
      }
    }
    // A repeated parameter counts once (the first), a blank one is absent: answered, not rejected.
    for (String lenient : List.of("page=1&page=-1", "size=%20", "size=")) {
      requests.add(HostileRequest.of("lenient paging " + lenient, "GET", "/jobs?" + lenient).mayBeAccepted().build());
    }
    for (String q : List.of("%25", "_", "%5C", "tag:", "tags:,,,", "%27%3B%20drop%20table%20jobs%3B--", "%00", "%C3%28",
        "x".repeat(4_000), "tag:" + "t".repeat(1_000), "a%20".repeat(500), "%E2%80%AE%F0%9F%92%A5")) {
      requests.add(HostileRequest.of("search q=" + q, "GET", "/jobs?q=" + q).mayBeAccepted().build());
    }
    requests.add(HostileRequest.of("invalid percent-encoding in the query", "GET", "/jobs?q=%zz&size=%").mayBeAccepted().build());
    for (String method : List.of("DELETE", "PATCH", "TRACE", "CONNECT", "BREW", "PROPFIND", "OPTIONS")) {
      requests.add(HostileRequest.of("method " + method + " /jobs", method, "/jobs").build());
      requests.add(HostileRequest.of("method " + method + " on a job", method, "/jobs/" + knownJob).build());
    }
    for (String after : badLogPositions()) {
      requests.add(get("bad log position: stream after=" + after, "/jobs/" + knownJob + "/log/stream?after=" + after));
      requests.add(HostileRequest.of("bad Last-Event-ID " + after, "GET", "/jobs/" + knownJob + "/log/stream")
          .header("Accept", "text/event-stream").header("Last-Event-ID", after).build());
    }
    requests.addAll(clusterRequests());
    requests.add(HostileRequest.of("POST /health", "POST", "/health").body("application/json", "{}").build());
    requests.add(HostileRequest.of("GET a job with a body", "GET", "/jobs/nope").body("application/json", "{\"a\":1}").build());
    requests.add(HostileRequest.of("cancel with a 2 MiB body", "PUT", "/jobs/nope/cancel").body("application/json",
        "x".repeat(2 << 20)).build());
    return requests;
  }

  /** Positions a live log may resume from that are not part ids. */
  static List<String> badLogPositions() {
    return List.of("-1", "abc", "99999999999999999999", "1e3", "%00", "0x10", "1;2");
  }

  /** Queue names that are not names (rejected), and one that is a name but no queue (answered). */
  private static List<HostileRequest> clusterRequests() {
    List<HostileRequest> requests = new ArrayList<>();
    for (String name : List.of("..", "%2e%2e", "a%20b", "%00", "q".repeat(65), "%C3%28", "a%2Fb", "*", "%0d%0aX-Injected:%20yes")) {
      requests.add(get("queue name " + name, "/queues/" + name));
      requests.add(HostileRequest.of("purge queue " + name, "DELETE", "/queues/" + name).build());
      requests.add(HostileRequest.of("set queue " + name, "PUT", "/queues/" + name).body("application/json", "{}").build());
    }
    requests.add(HostileRequest.of("an unknown but valid queue name", "GET", "/queues/no-such-queue").mayBeAccepted().build());
    for (String settings : List.of("", "null", "[]", "\"x\"", "{\"priority\":0}", "{\"priority\":1001}", "{\"priority\":1.5}",
        "{\"priority\":99999999999}", "{\"priority\":\"1; drop table queues\"}", "{\"priority\":null,\"x\":1}",
        "{\"maxConcurrency\":-1}", "{\"maxConcurrency\":1e9}", "{\"enabled\":1}", "{\"enabled\":\"true\"}",
        "{\"priority\":{\"a\":1}}", "{\"priority\":[1]}", "{" + "\"priority\":1,".repeat(5_000) + "}", "\u0000")) {
      requests.add(HostileRequest.of("queue settings " + settings.substring(0, Math.min(40, settings.length())), "PUT",
          "/queues/hostile").body("application/json", settings).build());
    }
    requests.add(HostileRequest.of("queue settings of 2 MiB", "PUT", "/queues/hostile")
        .body("application/json", "{\"priority\":\"" + "1".repeat(2 << 20) + "\"}").build());
    // Any Accept header gets one of the three forms of /metrics, never an error.
    for (String accept : List.of("", "text/plain;q=abc", "application/openmetrics-text;version=99", ";;;,,,", "text/*",
        "text/plain;q=0", "a".repeat(4_000), "application/openmetrics-text;q=0, text/plain", "\u00e9/\u00e9")) {
      requests.add(HostileRequest.of("metrics with Accept " + accept.substring(0, Math.min(40, accept.length())), "GET",
          "/metrics").header("Accept", accept).mayBeAccepted().build());
    }
    requests.add(HostileRequest.of("metrics with a query", "GET", "/metrics?name[]=%00&format=%zz").mayBeAccepted().build());
    for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
      requests.add(HostileRequest.of(method + " /metrics", method, "/metrics").body("application/json", "{}").build());
    }
    for (String method : List.of("POST", "PUT", "PATCH")) {
      requests.add(HostileRequest.of(method + " /nodes", method, "/nodes").body("application/json", "{}").build());
      requests.add(HostileRequest.of(method + " /queues", method, "/queues").body("application/json", "{}").build());
    }
    return requests;
  }

  static HostileRequest get(String label, String path) {
    return HostileRequest.of(label, "GET", path).build();
  }

  static HostileRequest put(String label, String path) {
    return HostileRequest.of(label, "PUT", path).body(null, new byte[0]).build();
  }
}
