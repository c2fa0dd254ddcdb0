package dev.gantry.server.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests for the web UI: file names that try to leave its list (traversal, encodings,
 * NUL, case, a 10 KB name), methods its files do not have, and state-changing requests of every
 * dialect that a browser would send from another site (their Origin or Sec-Fetch-Site, sane or
 * garbled), which must be refused without storing anything.
 */
public final class UiCorpus {

  private static final String JOB = "name: j\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n";
  private static final String HADES = "{\"name\":\"j\",\"steps\":[{\"id\":1,\"name\":\"s\",\"image\":\"busybox:latest\",\"script\":\"true\"}]}";

  private UiCorpus() {}

  public static List<HostileRequest> requests() {
    List<HostileRequest> requests = new ArrayList<>();
    for (String name : List.of("..%2f..%2fpom.xml", "%2e%2e/%2e%2e/version.properties", "..\\..\\app.js", "%00", "app.js%00.html",
        "APP.JS", "app.js.map", "UiAsset.class", "../dev/gantry/server/version.properties", "%E2%80%AE", "%C3%28",
        "x".repeat(10_000), "app.js/..", "%0d%0aX-Injected:%20yes")) {
      requests.add(HostileRequest.of("UI file " + name, "GET", "/ui/" + name).build());
    }
    requests.add(HostileRequest.of("UI file with a hostile query", "GET", "/ui/app.js?%00=%0d%0aX-Injected:%20yes")
        .mayBeAccepted().build());
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE", "BREW")) {
      for (String path : List.of("/", "/ui", "/ui/app.js")) {
        requests.add(HostileRequest.of("method " + method + " " + path, method, path).body("text/yaml", JOB).build());
      }
    }
    for (String origin : List.of("http://evil.example", "null", "http://127.0.0.1.evil.example", "http://127.0.0.1:1",
        "::::", "http://[::1", "x".repeat(8_000), "http://évil.example", "file://", "")) {
      requests.add(HostileRequest.of("cross-site submit, Origin " + origin, "POST", "/jobs").header("Origin", origin)
          .body("text/yaml", JOB).submits().build());
      requests.add(HostileRequest.of("cross-site Hades build, Origin " + origin, "POST", "/build").header("Origin", origin)
          .body("application/json", HADES).submits().build());
    }
    for (String site : List.of("cross-site", "same-site", "CROSS-SITE", "garbage", "")) {
      requests.add(HostileRequest.of("submit with Sec-Fetch-Site " + site, "POST", "/jobs").header("Sec-Fetch-Site", site)
          .body("text/yaml", JOB).submits().build());
      requests.add(HostileRequest.of("scheduled job with Sec-Fetch-Site " + site, "POST", "/scheduled-jobs")
          .header("Sec-Fetch-Site", site).body("text/yaml", JOB.replace("tasks:", "schedule: {cron: '@daily'}\ntasks:"))
          .build());
      requests.add(HostileRequest.of("token with Sec-Fetch-Site " + site, "POST", "/auth/tokens")
          .header("Sec-Fetch-Site", site).body("application/json", "{\"name\":\"x\"}").build());
    }
    return requests;
  }
}
