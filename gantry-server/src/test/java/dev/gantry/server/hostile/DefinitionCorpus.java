package dev.gantry.server.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests to {@code /definitions}: documents that are not definitions, hostile names,
 * versions and methods. No rejected create may store a definition.
 */
public final class DefinitionCorpus {

  private DefinitionCorpus() {}

  public static List<HostileRequest> requests() {
    List<HostileRequest> requests = new ArrayList<>();
    for (String body : List.of("", "null", "[]", "\"x\"", "{}", "{\"name\":\"p::h\"}", "{\"name\":null,\"image\":\"busybox\"}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"privileged\":true}", "{\"name\":\"p::h\",\"image\":\"busybox\",\"privileged\":\"yes\"}",
        "{\"name\":\"../../etc::passwd\",\"image\":\"busybox\"}", "{\"name\":\"p::" + "h".repeat(80) + "\",\"image\":\"busybox\"}",
        "{\"name\":\"p::h\",\"image\":\"busybox;rm -rf /\"}", "{\"name\":\"p::h\",\"image\":\"busybox\",\"env\":[1]}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"env\":{\"A\":{\"value\":[1]}}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"env\":{\"A\":{\"value\":\"x\",\"sensitive\":\"true\"}}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"env\":{\"A\":{\"value\":\"\\u0000\"}}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"parameters\":{\"a b\":\"x\"}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"parameters\":{\"a\":{\"b\":1}}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"timeout\":99999999999}", "{\"name\":\"p::h\",\"image\":\"busybox\",\"timeout\":-5}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"limits\":{\"cpus\":\"NaN\"}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"limits\":{\"cpus\":-1}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"limits\":{\"memory\":\"99999999999999t\"}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"registry\":{\"username\":\"u\"}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"registry\":{\"username\":\"u\",\"password\":\"\"}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"registry\":{\"username\":\"u\",\"password\":\"p\\u0000\"}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"registry\":{\"username\":\"" + "u".repeat(300) + "\",\"password\":\"p\"}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"registry\":{\"username\":\"u\",\"password\":\"p\",\"server\":\"x\"}}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"registry\":\"u:p\"}",
        "{\"name\":\"p::h\",\"image\":\"busybox\",\"command\":[{\"a\":1}]}", "{\"name\":\"p::h\",\"image\":\"busybox\",\"x\":1}")) {
      requests.add(HostileRequest.of("definition " + body.substring(0, Math.min(70, body.length())), "POST", "/definitions")
          .body("application/json", body).submits().build());
    }
    requests.add(HostileRequest.of("a definition as text/plain", "POST", "/definitions")
        .body("text/plain", "{\"name\":\"p::h\",\"image\":\"busybox\"}").submits().build());
    requests.add(HostileRequest.of("a 2 MiB definition", "POST", "/definitions")
        .body("application/json", "{\"name\":\"p::h\",\"image\":\"" + "b".repeat(2 << 20) + "\"}").submits().build());
    requests.add(HostileRequest.of("YAML aliases", "POST", "/definitions")
        .body("text/yaml", "name: p::h\nimage: &a busybox\ncommand: [*a, *a]\n").submits().build());
    for (String name : List.of("..", "%2e%2e", "a%20b", "%00", "p::" + "q".repeat(80), "%C3%28", "*", "p%3A%3Ah%0d%0aX-Injected:%20yes")) {
      requests.add(ReadCorpus.get("definition " + name, "/definitions/" + name));
      requests.add(ReadCorpus.get("definition " + name + " version 1", "/definitions/" + name + "/1"));
    }
    for (String version : List.of("0", "-1", "1.0", "99999999999", "%00", "x", "1;2")) {
      requests.add(ReadCorpus.get("definition version " + version, "/definitions/p::known/" + version));
    }
    for (String method : List.of("PUT", "PATCH", "DELETE")) {
      requests.add(HostileRequest.of(method + " /definitions", method, "/definitions").body("application/json", "{}").build());
      requests.add(HostileRequest.of(method + " a definition", method, "/definitions/p::known/1").build());
    }
    return requests;
  }
}
