package dev.gantry.server.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests for the Hades dialect ({@code /build}, {@code /ping}) and its log manager's
 * routes ({@code /jobs/{id}/status}, {@code /jobs/{id}/logs}): broken and wrongly typed build
 * documents, limits and network modes Hades 1.0 refuses, callback URLs that are not http(s), unknown
 * builds and resume positions; and documents Hades 1.0 accepts though they look wrong (odd step ids,
 * unknown fields by the thousand), which are stored once or refused cleanly. Hades answers errors as
 * plain text, its log manager as {@code {"error": "..."}}.
 */
public final class HadesCorpus {

  private static final String STEP = "{\"id\":1,\"name\":\"s\",\"image\":\"busybox:latest\",\"script\":\"true\"}";
  /** For documents that may be accepted, and so run, in a standalone server: no network. */
  private static final String OFFLINE_STEP = "{\"id\":1,\"name\":\"s\",\"image\":\"busybox:latest\",\"script\":\"true\",\"network\":\"none\"}";

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
        "{\"name\":\"\\udc00\",\"steps\":[" + OFFLINE_STEP + "]}").submits().mayBeAccepted().build());
    for (String[] body : acceptedByHades()) {
      requests.add(HostileRequest.of("Hades " + body[0], "POST", "/build").body("application/json", body[1])
          .submits().mayBeAccepted().build());
    }
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
    for (String id : ReadCorpus.unknownIds()) {
      requests.add(ReadCorpus.get("Hades log manager unknown job: status " + id, "/jobs/" + id + "/status"));
      requests.add(ReadCorpus.get("Hades log manager unknown job: logs " + id, "/jobs/" + id + "/logs"));
    }
    for (String method : List.of("POST", "DELETE", "PUT", "PATCH")) {
      requests.add(HostileRequest.of("Hades log manager " + method + " status", method, "/jobs/x/status").body("application/json", "{}").build());
      requests.add(HostileRequest.of("Hades log manager " + method + " logs", method, "/jobs/x/logs").body("application/json", "{}").build());
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
        new String[] {"step id is a word", step("\"id\":\"one\"")}, new String[] {"step id 1e309", step("\"id\":1e309")},
        new String[] {"step id 2^63", step("\"id\":9223372036854775808")},
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
        new String[] {"job id a word", job("\"id\":\"not-a-uuid\"")}, new String[] {"job id an object", job("\"id\":{}")},
        new String[] {"job id 2^64", job("\"id\":18446744073709551616")},
        new String[] {"timestamp a number", job("\"timestamp\":12")},
        new String[] {"timestamp out of range", job("\"timestamp\":\"2026-13-45T99:00:00Z\"")},
        new String[] {"priority 1e309", job("\"priority\":1e309")},
        new String[] {"priority 2^63", job("\"priority\":9223372036854775808")},
        new String[] {"timeout_seconds 2^63", job("\"timeout_seconds\":9223372036854775808")},
        new String[] {"timeout_seconds over Hades' bound", job("\"timeout_seconds\":9223372037")},
        new String[] {"memory_swap lots", step("\"memory_limit\":\"1G\",\"memory_swap\":\"lots\"")},
        new String[] {"memory_swap without memory_limit", step("\"memory_swap\":\"1G\"")},
        new String[] {"memory_swap below memory_limit", step("\"memory_limit\":\"2G\",\"memory_swap\":\"1G\"")},
        new String[] {"memory_swap an object", step("\"memory_limit\":\"2G\",\"memory_swap\":{}")},
        new String[] {"memory_limit 2^70 G", step("\"memory_limit\":\"1180591620717411303424G\"")},
        new String[] {"pids_limit -1", step("\"pids_limit\":-1")},
        new String[] {"pids_limit 2^70", step("\"pids_limit\":1180591620717411303424")},
        new String[] {"cpu_limit -1", step("\"cpu_limit\":-1")}, new String[] {"cpu_limit Infinity", step("\"cpu_limit\":\"Infinity\"")},
        new String[] {"network with a space", step("\"network\":\"no ne\"")},
        new String[] {"network with a newline", step("\"network\":\"none\\nx\"")},
        new String[] {"network up a directory", step("\"network\":\"../host\"")},
        new String[] {"network of 10,000 characters", step("\"network\":\"" + "n".repeat(10_000) + "\"")},
        new String[] {"network a list", step("\"network\":[\"none\"]")},
        new String[] {"callback relative", job("\"callback_url\":\"/hook\"")},
        new String[] {"callback with no host", job("\"callback_url\":\"http:/hook\"")},
        new String[] {"callback with a space", job("\"callback_url\":\"http://a b/\"")},
        new String[] {"host network", step("\"network\":\"host\"")},
        new String[] {"another container's network", step("\"network\":\"container:gantry\"")},
        new String[] {"NUL in a metadata value", job("\"metadata\":{\"A\":\"x\\u0000\"}")},
        new String[] {"NUL in a script", "{\"name\":\"j\",\"steps\":[{\"id\":1,\"image\":\"busybox:latest\",\"script\":\"a\\u0000\"}]}"},
        new String[] {"300 metadata entries", job("\"metadata\":{" + SubmitCorpus.numbered("\"V", "\":\"x\"", 300) + "}")},
        new String[] {"2,000 steps", "{\"name\":\"j\",\"steps\":[" + steps(2_000) + "]}"},
        new String[] {"nesting 100,000 deep", "{\"name\":" + "[".repeat(100_000)});
  }

  /** How many of the requests are documents that Hades 1.0 accepts, which Gantry stores. */
  public static int acceptedByHadesCount() {
    return acceptedByHades().size();
  }

  /** Documents Hades 1.0 accepts: Gantry must not refuse them, and must store each once. */
  private static List<String[]> acceptedByHades() {
    StringBuilder manyFields = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      manyFields.append(",\"f").append(i).append("\":").append(i);
    }
    return List.of(
        new String[] {"the zero uuid as job id", offline("\"id\":\"00000000-0000-0000-0000-000000000000\"")},
        new String[] {"duplicate step ids", "{\"name\":\"j\",\"steps\":[" + OFFLINE_STEP + "," + OFFLINE_STEP + "]}"},
        new String[] {"step id 0", "{\"name\":\"j\",\"steps\":[" + OFFLINE_STEP.replace("\"id\":1", "\"id\":0") + "]}"},
        new String[] {"step id -1", "{\"name\":\"j\",\"steps\":[" + OFFLINE_STEP.replace("\"id\":1", "\"id\":-1") + "]}"},
        new String[] {"unknown field", offline("\"evil\":true")},
        new String[] {"unknown field holding 50 nested lists", offline("\"evil\":" + "[".repeat(50) + "]".repeat(50))},
        new String[] {"10,000 unknown fields", offline(manyFields.substring(1))});
  }

  private static String offline(String extra) {
    return "{\"name\":\"j\",\"steps\":[" + OFFLINE_STEP + "]," + extra + "}";
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
