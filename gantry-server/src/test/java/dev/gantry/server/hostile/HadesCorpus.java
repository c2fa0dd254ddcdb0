package dev.gantry.server.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests for the Hades dialect ({@code /build}, {@code /ping}): broken and wrongly typed
 * build documents, step ids that are not ids, callback URLs that are not http(s), unknown builds
 * and resume positions. Hades answers errors as plain text.
 */
public final class HadesCorpus {

  private static final String STEP = "{\"id\":1,\"name\":\"s\",\"image\":\"busybox:latest\",\"script\":\"true\"}";

  private HadesCorpus() {}

  public static List<HostileRequest> requests() {
    List<HostileRequest> requests = new ArrayList<>();
    for (String[] body : bodies()) {
      requests.add(SubmitCorpus.submit("/build", "Hades " + body[0], "application/json", body[1].getBytes(StandardCharsets.UTF_8)));
    }
    requests.add(SubmitCorpus.submit("/build", "Hades invalid UTF-8", "application/json",
        new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'}));
    requests.add(SubmitCorpus.submit("/build", "Hades body over the size limit", "application/json",
        ("{\"name\":\"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8)));
    // JSON allows an escaped lone surrogate (RFC 8259 leaves its meaning open): stored once, or refused.
    requests.add(HostileRequest.of("Hades lone surrogate in the name", "POST", "/build").body("application/json",
        "{\"name\":\"\\udc00\",\"steps\":[" + STEP + "]}").submits().mayBeAccepted().build());
    requests.add(SubmitCorpus.submit("/build", "Hades YAML instead of JSON", "text/yaml",
        "name: j\nsteps: [{id: 1, name: s, image: busybox}]\n".getBytes(StandardCharsets.UTF_8)));
    for (String id : ReadCorpus.unknownIds()) {
      requests.add(ReadCorpus.get("Hades unknown build: status " + id, "/build/" + id + "/status"));
      requests.add(ReadCorpus.get("Hades unknown build: plain logs " + id, "/build/" + id + "/logs"));
      requests.add(HostileRequest.of("Hades unknown build: JSON logs " + id, "GET", "/build/" + id + "/logs")
          .header("Accept", "application/json").build());
      requests.add(HostileRequest.of("Hades unknown build: event logs " + id, "GET", "/build/" + id + "/logs")
          .header("Accept", "text/event-stream").build());
    }
    for (String method : List.of("DELETE", "PUT", "PATCH", "GET")) {
      requests.add(HostileRequest.of("Hades " + method + " /build", method, "/build").build());
    }
    requests.add(HostileRequest.of("Hades POST /ping", "POST", "/ping").body("application/json", "{}").build());
    requests.add(HostileRequest.of("Hades DELETE a build", "DELETE", "/build/x/status").build());
    return requests;
  }

  /** Bad resume positions on a real build; each is rejected before any streaming starts. */
  public static List<HostileRequest> resumeRequests(String knownBuild) {
    List<HostileRequest> requests = new ArrayList<>();
    for (String after : ReadCorpus.badLogPositions()) {
      requests.add(HostileRequest.of("Hades bad Last-Event-ID " + after, "GET", "/build/" + knownBuild + "/logs")
          .header("Accept", "text/event-stream").header("Last-Event-ID", after).build());
      requests.add(ReadCorpus.get("Hades bad after=" + after, "/build/" + knownBuild + "/logs?after=" + after));
    }
    return requests;
  }

  private static List<String[]> bodies() {
    return List.of(
        new String[] {"empty", ""}, new String[] {"open brace", "{"}, new String[] {"an array", "[" + STEP + "]"},
        new String[] {"empty object", "{}"}, new String[] {"name only", "{\"name\":\"j\"}"},
        new String[] {"trailing garbage", "{\"name\":\"j\",\"steps\":[" + STEP + "]} x"},
        new String[] {"steps is a string", "{\"name\":\"j\",\"steps\":\"all\"}"},
        new String[] {"steps holds a number", "{\"name\":\"j\",\"steps\":[1]}"},
        new String[] {"an empty step", "{\"name\":\"j\",\"steps\":[{}]}"},
        new String[] {"step id is a word", step("\"id\":\"one\"")}, new String[] {"step id 0", step("\"id\":0")},
        new String[] {"step id -1", step("\"id\":-1")}, new String[] {"step id 1e309", step("\"id\":1e309")},
        new String[] {"step id 2^63", step("\"id\":9223372036854775808")},
        new String[] {"duplicate step ids", "{\"name\":\"j\",\"steps\":[" + STEP + "," + STEP + "]}"},
        new String[] {"no image", "{\"name\":\"j\",\"steps\":[{\"id\":1,\"name\":\"s\",\"script\":\"true\"}]}"},
        new String[] {"memory_limit lots", step("\"memory_limit\":\"lots\"")},
        new String[] {"cpu_limit NaN", step("\"cpu_limit\":\"NaN\"")},
        new String[] {"pids_limit a word", step("\"pids_limit\":\"many\"")},
        new String[] {"timeout_seconds -5", job("\"timeout_seconds\":-5")},
        new String[] {"timeout_seconds a word", job("\"timeout_seconds\":\"long\"")},
        new String[] {"priority an object", job("\"priority\":{}")},
        new String[] {"callback to a file", job("\"callback_url\":\"file:///etc/passwd\"")},
        new String[] {"callback javascript", job("\"callback_url\":\"javascript:alert(1)\"")},
        new String[] {"callback without a host", job("\"callback_url\":\"http://\"")},
        new String[] {"callback of 3000 characters", job("\"callback_url\":\"http://127.0.0.1:1/" + "c".repeat(3000) + "\"")},
        new String[] {"metadata an array", job("\"metadata\":[1,2]")},
        new String[] {"metadata nested", job("\"metadata\":{\"A\":{\"B\":1}}")},
        new String[] {"metadata bad env name", job("\"metadata\":{\"A=B\":\"x\"}")},
        new String[] {"unknown field", job("\"evil\":true")},
        new String[] {"host network", step("\"network\":\"host\"")},
        new String[] {"another container's network", step("\"network\":\"container:gantry\"")},
        new String[] {"NUL in a metadata value", job("\"metadata\":{\"A\":\"x\\u0000\"}")},
        new String[] {"NUL in a script", "{\"name\":\"j\",\"steps\":[{\"id\":1,\"image\":\"busybox:latest\",\"script\":\"a\\u0000\"}]}"},
        new String[] {"300 metadata entries", job("\"metadata\":{" + SubmitCorpus.numbered("\"V", "\":\"x\"", 300) + "}")},
        new String[] {"2,000 steps", "{\"name\":\"j\",\"steps\":[" + steps(2_000) + "]}"},
        new String[] {"nesting 100,000 deep", "{\"name\":" + "[".repeat(100_000)});
  }

  private static String step(String extra) {
    return "{\"name\":\"j\",\"steps\":[" + STEP.substring(0, STEP.length() - 1) + "," + extra + "}]}";
  }

  private static String job(String extra) {
    return "{\"name\":\"j\",\"steps\":[" + STEP + "]," + extra + "}";
  }

  private static String steps(int n) {
    StringBuilder steps = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      steps.append(i == 1 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"s\",\"image\":\"busybox:latest\"}");
    }
    return steps.toString();
  }
}
