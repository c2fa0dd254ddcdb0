package dev.gantry.server.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests to Daestro's {@code /v1/client/job}: bodies that are not job submits, hostile
 * references, parameters, environments and start times, unknown and malformed ids, odd methods.
 * No rejected submit may store a job. {@code definition} and {@code queue} exist.
 */
public final class DaestroCorpus {

  private DaestroCorpus() {}

  public static List<HostileRequest> requests(String definition, String queue, String knownJob) {
    String ok = "\"job_definition\":\"" + definition + "\",\"job_queue\":\"" + queue + "\"";
    List<HostileRequest> requests = new ArrayList<>();
    for (String body : List.of("", "null", "[]", "\"x\"", "{}", "{\"job_definition\":null," + ok.substring(ok.indexOf("\"job_queue\"")) + "}",
        "{\"job_definition\":\"" + definition + "\"}", "{\"job_queue\":\"" + queue + "\"}",
        "{\"job_definition\":\"p::none:1\",\"job_queue\":\"" + queue + "\"}",
        "{\"job_definition\":\"" + definition.replace(":1", ":99999999999") + "\",\"job_queue\":\"" + queue + "\"}",
        "{\"job_definition\":\"" + definition.replace(":1", ":0") + "\",\"job_queue\":\"" + queue + "\"}",
        "{\"job_definition\":\"../../x::y:1\",\"job_queue\":\"" + queue + "\"}",
        "{\"job_definition\":[1],\"job_queue\":\"" + queue + "\"}",
        "{\"job_definition\":\"" + definition + "\",\"job_queue\":\"../..\"}",
        "{\"job_definition\":\"" + definition + "\",\"job_queue\":\"p::" + "q".repeat(80) + "\"}",
        "{\"job_definition\":\"" + definition + "\",\"job_queue\":\"p::nobody\"}",
        "{" + ok + ",\"name\":\"\"}", "{" + ok + ",\"name\":\"" + "n".repeat(300) + "\"}", "{" + ok + ",\"name\":{\"a\":1}}",
        "{" + ok + ",\"container_cmd\":\"uname\"}", "{" + ok + ",\"container_cmd\":[{\"a\":1}]}",
        "{" + ok + ",\"container_cmd\":[\"Param::nope\"]}", "{" + ok + ",\"container_cmd\":[\"a\\u0000b\"]}",
        "{" + ok + ",\"container_cmd_parameter\":[1]}", "{" + ok + ",\"container_cmd_parameter\":{\"a\":{\"b\":1}}}",
        "{" + ok + ",\"container_env\":[1]}", "{" + ok + ",\"container_env\":{\"A\":\"x\"}}",
        "{" + ok + ",\"container_env\":{\"A\":{\"value\":\"\\u0001secret:x\\u0001\"}}}",
        "{" + ok + ",\"container_env\":{\"A B\":{\"value\":\"x\"}}}",
        "{" + ok + ",\"container_env\":{\"A\":{\"value\":\"x\",\"sensitive\":\"yes\"}}}",
        "{" + ok + ",\"schedule_at\":\"yesterday\"}", "{" + ok + ",\"schedule_at\":-1}", "{" + ok + ",\"schedule_at\":1e30}",
        "{" + ok + ",\"schedule_at\":99999999999999999999}", "{" + ok + ",\"schedule_at\":\"2025-13-45T99:00:00Z\"}",
        "{" + ok + ",\"schedule_at\":{\"at\":1}}", "{" + ok + ",\"extra\":1}")) {
      requests.add(HostileRequest.of("daestro submit " + body.substring(0, Math.min(70, body.length())), "POST",
          "/v1/client/job").body("application/json", body).submits().build());
    }
    requests.add(HostileRequest.of("daestro submit of 2 MiB", "POST", "/v1/client/job")
        .body("application/json", "{" + ok + ",\"name\":\"" + "n".repeat(2 << 20) + "\"}").submits().build());
    for (String id : ReadCorpus.unknownIds()) {
      requests.add(ReadCorpus.get("daestro job " + id, "/v1/client/job/" + id));
      requests.add(ReadCorpus.get("daestro logs " + id, "/v1/client/job/" + id + "/logs"));
      requests.add(HostileRequest.of("daestro cancel " + id, "POST", "/v1/client/job/" + id + "/cancel").body(null, new byte[0]).build());
    }
    for (String method : List.of("PUT", "PATCH", "DELETE")) {
      requests.add(HostileRequest.of(method + " /v1/client/job", method, "/v1/client/job").body("application/json", "{}").build());
      requests.add(HostileRequest.of(method + " a daestro job", method, "/v1/client/job/" + knownJob).build());
    }
    for (String query : List.of("state=%00", "state=running%20OR%201=1", "queue=..", "queue=" + "q".repeat(80), "page=-1",
        "page=abc", "page=99999999999", "queue=%0d%0aX-Injected:%20yes", "state=" + "x".repeat(5000))) {
      requests.add(ReadCorpus.get("daestro list " + query.substring(0, Math.min(40, query.length())), "/v1/client/job?" + query));
    }
    requests.add(HostileRequest.of("GET on cancel", "GET", "/v1/client/job/" + knownJob + "/cancel").build());
    return requests;
  }
}
