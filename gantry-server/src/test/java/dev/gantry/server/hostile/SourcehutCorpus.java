package dev.gantry.server.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hostile requests for the builds.sr.ht dialect ({@code /api/jobs}, {@code /logs}): broken and
 * wrongly typed submit bodies, manifests that are not YAML, too large, deeply nested, full of
 * aliases, with hostile task names, sources, images and environment; unknown and malformed ids on
 * every read; wrong methods. All are rejected with {@code {"errors": [...]}} and store nothing.
 */
public final class SourcehutCorpus {

  private static final String GOOD = "image: alpine/latest\\ntasks:\\n  - build: echo hi\\n";

  private SourcehutCorpus() {}

  public static List<HostileRequest> requests(long knownJob) {
    List<HostileRequest> requests = new ArrayList<>();
    for (String[] body : bodies()) {
      requests.add(SubmitCorpus.submit("/api/jobs", "sourcehut " + body[0], "application/json",
          body[1].getBytes(StandardCharsets.UTF_8)));
    }
    for (String[] manifest : manifests()) {
      requests.add(SubmitCorpus.submit("/api/jobs", "sourcehut manifest " + manifest[0], "application/json",
          ("{\"manifest\":\"" + manifest[1] + "\"}").getBytes(StandardCharsets.UTF_8)));
    }
    requests.add(SubmitCorpus.submit("/api/jobs", "sourcehut invalid UTF-8", "application/json",
        new byte[] {'{', '"', 'm', 'a', 'n', 'i', 'f', 'e', 's', 't', '"', ':', '"', (byte) 0xFF, '"', '}'}));
    requests.add(SubmitCorpus.submit("/api/jobs", "sourcehut body over the size limit", "application/json",
        ("{\"manifest\":\"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8)));
    requests.add(SubmitCorpus.submit("/api/jobs", "sourcehut YAML body", "text/yaml",
        "manifest: x\n".getBytes(StandardCharsets.UTF_8)));
    requests.add(SubmitCorpus.submit("/api/jobs", "sourcehut latin-1 JSON", "application/json; charset=iso-8859-1",
        ("{\"manifest\":\"" + GOOD + "\"}").getBytes(StandardCharsets.UTF_8)));
    List<String> ids = new ArrayList<>(ReadCorpus.unknownIds());
    ids.addAll(List.of("-1", "0", "1e3", "99999999999999999999", "0x10", "%2B1"));
    for (String id : ids) {
      for (String path : List.of("/api/jobs/" + id, "/api/jobs/" + id + "/manifest", "/api/jobs/" + id + "/artifacts",
          "/logs/" + id + "/log", "/logs/" + id + "/build/log", "/api/jobs/" + knownJob + "/artifacts/" + id)) {
        requests.add(ReadCorpus.get("sourcehut unknown " + path, path));
      }
      requests.add(HostileRequest.of("sourcehut start unknown " + id, "POST", "/api/jobs/" + id + "/start")
          .body("application/json", "{}").build());
      requests.add(HostileRequest.of("sourcehut cancel unknown " + id, "POST", "/api/jobs/" + id + "/cancel")
          .body("application/json", "{}").build());
    }
    for (String task : ReadCorpus.unknownIds()) {
      requests.add(ReadCorpus.get("sourcehut unknown task log " + task, "/logs/" + knownJob + "/" + task + "/log"));
    }
    for (String start : List.of("abc", "-1", "1e9", "%00", "99999999999999999999", "%E2%91%A0")) {
      requests.add(ReadCorpus.get("sourcehut list start=" + start, "/api/jobs?start=" + start));
    }
    for (String method : List.of("DELETE", "PUT", "PATCH")) {
      requests.add(HostileRequest.of("sourcehut " + method + " /api/jobs", method, "/api/jobs").build());
      requests.add(HostileRequest.of("sourcehut " + method + " a job", method, "/api/jobs/" + knownJob).build());
    }
    for (String[] secret : List.of(new String[] {"empty", ""}, new String[] {"an array", "[]"},
        new String[] {"value a number", "{\"type\":\"ssh_key\",\"value\":1}"},
        new String[] {"NUL in the value", "{\"type\":\"ssh_key\",\"value\":\"a\\u0000b\"}"},
        new String[] {"path traversal", "{\"type\":\"plaintext_file\",\"value\":\"v\",\"path\":\"/../../etc/x\",\"mode\":384}"},
        new String[] {"path with newline", "{\"type\":\"plaintext_file\",\"value\":\"v\",\"path\":\"/a\\nb\",\"mode\":384}"},
        new String[] {"mode negative", "{\"type\":\"plaintext_file\",\"value\":\"v\",\"path\":\"/a\",\"mode\":-1}"},
        new String[] {"mode octal 9", "{\"type\":\"plaintext_file\",\"value\":\"v\",\"path\":\"/a\",\"mode\":\"999\"}"},
        new String[] {"value too large", "{\"type\":\"ssh_key\",\"value\":\"" + "k".repeat(70_000) + "\"}"})) {
      requests.add(HostileRequest.of("sourcehut secret " + secret[0], "POST", "/secrets").body("application/json", secret[1])
          .build());
    }
    for (String[] group : List.of(new String[] {"empty", ""}, new String[] {"no jobs", "{}"},
        new String[] {"jobs a string", "{\"jobs\":\"1\"}"}, new String[] {"job a float", "{\"jobs\":[1.5]}"},
        new String[] {"job negative", "{\"jobs\":[-1]}"}, new String[] {"job huge", "{\"jobs\":[99999999999999999999]}"},
        new String[] {"unknown job", "{\"jobs\":[987654]}"}, new String[] {"too many", "{\"jobs\":[" + "1,".repeat(300) + "1]}"},
        new String[] {"unknown field", "{\"jobs\":[" + knownJob + "],\"x\":1}"},
        new String[] {"triggers a string", "{\"jobs\":[" + knownJob + "],\"triggers\":\"x\"}"},
        new String[] {"trigger header injection", "{\"jobs\":[" + knownJob + "],\"triggers\":[{\"action\":\"email\","
            + "\"condition\":\"always\",\"to\":\"a@b\\r\\nBcc: c@d\"}]}"},
        new String[] {"trigger 300", "{\"jobs\":[" + knownJob + "],\"triggers\":[" + "{},".repeat(299) + "{}]}"})) {
      requests.add(HostileRequest.of("sourcehut job group " + group[0], "POST", "/api/job-group")
          .body("application/json", group[1]).build());
    }
    for (String id : ids) {
      requests.add(ReadCorpus.get("sourcehut unknown group " + id, "/api/job-group/" + id));
      requests.add(HostileRequest.of("sourcehut start unknown group " + id, "POST", "/api/job-group/" + id + "/start")
          .body("application/json", "{}").build());
    }
    requests.add(HostileRequest.of("sourcehut GET start", "GET", "/api/jobs/" + knownJob + "/start").build());
    requests.add(HostileRequest.of("sourcehut POST a manifest", "POST", "/api/jobs/" + knownJob + "/manifest")
        .body("application/json", "{}").build());
    return requests;
  }

  private static List<String[]> bodies() {
    return List.of(
        new String[] {"empty", ""}, new String[] {"open brace", "{"}, new String[] {"null", "null"},
        new String[] {"a string", "\"image: alpine/latest\""}, new String[] {"an array", "[{\"manifest\":\"x\"}]"},
        new String[] {"empty object", "{}"}, new String[] {"manifest null", "{\"manifest\":null}"},
        new String[] {"manifest a number", "{\"manifest\":1}"}, new String[] {"manifest an object", "{\"manifest\":{}}"},
        new String[] {"trailing garbage", "{\"manifest\":\"" + GOOD + "\"} x"},
        new String[] {"unknown field", "{\"manifest\":\"" + GOOD + "\",\"evil\":1}"},
        new String[] {"note a number", "{\"manifest\":\"" + GOOD + "\",\"note\":3}"},
        new String[] {"note with NUL", "{\"manifest\":\"" + GOOD + "\",\"note\":\"a\\u0000b\"}"},
        new String[] {"note too long", "{\"manifest\":\"" + GOOD + "\",\"note\":\"" + "n".repeat(5000) + "\"}"},
        new String[] {"tags a string", "{\"manifest\":\"" + GOOD + "\",\"tags\":\"a/b\"}"},
        new String[] {"tag with slash", "{\"manifest\":\"" + GOOD + "\",\"tags\":[\"a/b\"]}"},
        new String[] {"tag with CRLF", "{\"manifest\":\"" + GOOD + "\",\"tags\":[\"a\\r\\nb\"]}"},
        new String[] {"tag too long", "{\"manifest\":\"" + GOOD + "\",\"tags\":[\"" + "t".repeat(65) + "\"]}"},
        new String[] {"too many tags", "{\"manifest\":\"" + GOOD + "\",\"tags\":[" + "\"t\",".repeat(100) + "\"t\"]}"},
        new String[] {"access:read a string", "{\"manifest\":\"" + GOOD + "\",\"access:read\":\"*\"}"},
        new String[] {"access:read with commas", "{\"manifest\":\"" + GOOD + "\",\"access:read\":[\"a,b\"]}"},
        new String[] {"access:write empty name", "{\"manifest\":\"" + GOOD + "\",\"access:write\":[\"\"]}"},
        new String[] {"execute a string", "{\"manifest\":\"" + GOOD + "\",\"execute\":\"false\"}"},
        new String[] {"secrets a number", "{\"manifest\":\"" + GOOD + "\",\"secrets\":0}"},
        new String[] {"deeply nested", "{\"manifest\":" + "[".repeat(5000) + "]".repeat(5000) + "}"});
  }

  /** Manifests as JSON string contents (escaped). */
  private static List<String[]> manifests() {
    return List.of(
        new String[] {"empty", ""}, new String[] {"blank", "   "}, new String[] {"not YAML", "{{{"},
        new String[] {"a list", "- a\\n- b"}, new String[] {"a scalar", "image"},
        new String[] {"16 KiB", "image: alpine/latest\\n#" + "x".repeat(16384)},
        new String[] {"aliases", "image: &i alpine/latest\\ntasks: [{a: *i}]"},
        new String[] {"deep nesting", "image: alpine/latest\\nenvironment: " + "[".repeat(200) + "]".repeat(200)},
        new String[] {"NUL", "image: alpine/latest\\u0000\\ntasks: [{a: x}]"},
        new String[] {"unknown image", "image: ../../etc/passwd\\ntasks: [{a: x}]"},
        new String[] {"image a list", "image: [alpine]\\ntasks: [{a: x}]"},
        new String[] {"tasks a map", "image: alpine/latest\\ntasks: {a: x}"},
        new String[] {"task a list", "image: alpine/latest\\ntasks: [[a]]"},
        new String[] {"task name traversal", "image: alpine/latest\\ntasks: [{../../x: echo}]"},
        new String[] {"task name with space", "image: alpine/latest\\ntasks: [{'a b': echo}]"},
        new String[] {"task name too long", "image: alpine/latest\\ntasks: [{" + "a".repeat(129) + ": echo}]"},
        new String[] {"task script a map", "image: alpine/latest\\ntasks: [{a: {b: c}}]"},
        new String[] {"too many tasks", "image: alpine/latest\\ntasks: [" + "{t: x},".repeat(300) + "{z: x}]"},
        new String[] {"environment a list", "image: alpine/latest\\nenvironment: [a]\\ntasks: [{a: x}]"},
        new String[] {"environment name injection", "image: alpine/latest\\nenvironment: {'A;rm -rf /': x}\\ntasks: [{a: x}]"},
        new String[] {"environment nested map", "image: alpine/latest\\nenvironment: {A: {b: c}}\\ntasks: [{a: x}]"},
        new String[] {"packages a string", "image: alpine/latest\\npackages: git\\ntasks: [{a: x}]"},
        new String[] {"package with newline", "image: alpine/latest\\npackages: [\\\"git\\\\nrm\\\"]\\ntasks: [{a: x}]"},
        new String[] {"source ftp", "image: alpine/latest\\nsources: [ftp://x/y]\\ntasks: [{a: x}]"},
        new String[] {"source option injection", "image: alpine/latest\\nsources: ['--upload-pack=x::https://h/r']\\ntasks: [{a: x}]"},
        new String[] {"source dir traversal", "image: alpine/latest\\nsources: ['..::https://h/r']\\ntasks: [{a: x}]"},
        new String[] {"source ref option", "image: alpine/latest\\nsources: ['https://h/r#--orphan']\\ntasks: [{a: x}]"},
        new String[] {"repository name injection", "image: alpine/latest\\nrepositories: {'a/../b': x}\\ntasks: [{a: x}]"},
        new String[] {"trigger unknown", "image: alpine/latest\\ntriggers: [{action: exec, condition: always}]\\ntasks: [{a: x}]"},
        new String[] {"trigger bad condition", "image: alpine/latest\\ntriggers: [{action: email, condition: maybe, to: a}]\\ntasks: [{a: x}]"},
        new String[] {"email header injection", "image: alpine/latest\\ntriggers: [{action: email, condition: always, to: \\\"a@b\\\\r\\\\nBcc: c@d\\\"}]\\ntasks: [{a: x}]"},
        new String[] {"email smtp injection", "image: alpine/latest\\ntriggers: [{action: email, condition: always, to: 'a@b>\\\\u0000RCPT TO:<c@d'}]\\ntasks: [{a: x}]"},
        new String[] {"email in_reply_to injection", "image: alpine/latest\\ntriggers: [{action: email, condition: always, to: a@b, in_reply_to: '<x> Bcc: c@d'}]\\ntasks: [{a: x}]"},
        new String[] {"email 40 addresses", "image: alpine/latest\\ntriggers: [{action: email, condition: always, to: '" + "a@b,".repeat(39) + "a@b'}]\\ntasks: [{a: x}]"},
        new String[] {"webhook with a key of email", "image: alpine/latest\\ntriggers: [{action: webhook, condition: always, url: 'http://h', cc: a@b}]\\ntasks: [{a: x}]"},
        new String[] {"webhook url of 5000", "image: alpine/latest\\ntriggers: [{action: webhook, condition: always, url: 'http://h/" + "x".repeat(5000) + "'}]\\ntasks: [{a: x}]"},
        new String[] {"shell not boolean", "image: alpine/latest\\nshell: yes please\\ntasks: [{a: x}]"},
        new String[] {"secret too short", "image: alpine/latest\\nsecrets: [a]\\ntasks: [{a: x}]"});
  }
}
