package dev.gantry.server.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written hostile job documents for a submit endpoint: broken and wrongly typed JSON and
 * YAML, huge and deeply nested documents, alias bombs, invalid UTF-8 and escaping file names.
 * None of them may be stored; each must be answered 4xx with a message.
 */
public final class SubmitCorpus {

  static final String JSON = "application/json";
  static final String YAML = "text/yaml";
  private static final String TASK = "{\"name\":\"t\",\"image\":\"busybox:latest\",\"run\":\"true\"}";

  private SubmitCorpus() {}

  /** Task fields that reach Docker, bent: each is a task's lines, indented as one. */
  private static List<String[]> hostileAttachments() {
    return List.of(
        new String[] {"bind mount of /", "    mounts: [{type: bind, source: /, target: /host}]"},
        new String[] {"bind mount of the Docker socket", "    mounts: [{type: bind, source: /var/run/docker.sock, target: /s}]"},
        new String[] {"bind mount escaping with ..", "    mounts: [{type: bind, source: /tmp/../etc, target: /e}]"},
        new String[] {"mount type nfs", "    mounts: [{type: nfs, target: /x}]"},
        new String[] {"mount type as a list", "    mounts: [{type: [volume], target: /x}]"},
        new String[] {"mount over /shared", "    mounts: [{type: volume, target: /shared}]"},
        new String[] {"mount target relative", "    mounts: [{type: tmpfs, target: ../x}]"},
        new String[] {"mount target with NUL", "    mounts: [{type: tmpfs, target: \"/x\\0y\"}]"},
        new String[] {"volume with a source", "    mounts: [{type: volume, source: other-jobs-volume, target: /x}]"},
        new String[] {"10,000 volumes", "    volumes: [" + "/v,".repeat(9_999) + "/v]"},
        new String[] {"1,000 networks", "    networks: [" + "n,".repeat(999) + "n]"},
        new String[] {"network host as a network", "    networks: [host]"},
        new String[] {"gpus garbage", "    gpus: \"count=1,$(reboot)\""},
        new String[] {"gpus huge", "    gpus: \"device=" + "0,".repeat(5_000) + "0\""},
        new String[] {"registry without a password", "    registry: {username: u}"},
        new String[] {"registry as a string", "    registry: user:password"},
        new String[] {"sidecar without an image", "    sidecars: [{name: db}]"},
        new String[] {"sidecar name with a space", "    sidecars: [{name: 'a b', image: busybox}]"},
        new String[] {"100 sidecars", "    sidecars: [" + "{name: s, image: busybox},".repeat(100) + "]"},
        new String[] {"wait too long", "    run: 'true'\nwait: {timeout: 100h}"},
        new String[] {"wait negative", "    run: 'true'\nwait: {timeout: -1s}"});
  }

  /** Every hostile body, POSTed to {@code path} (the native {@code /jobs}). */
  public static List<HostileRequest> requests(String path) {
    List<HostileRequest> requests = new ArrayList<>();
    for (String[] json : jsonBodies()) {
      requests.add(submit(path, "JSON " + json[0], JSON, json[1].getBytes(StandardCharsets.UTF_8)));
    }
    for (String[] yaml : yamlBodies()) {
      requests.add(submit(path, "YAML " + yaml[0], YAML, yaml[1].getBytes(StandardCharsets.UTF_8)));
    }
    for (String[] expression : hostileExpressions()) {
      String body = "name: j\ninputs: {big: '" + "9".repeat(5000) + "'}\ntasks:\n  - name: t\n    image: busybox:latest\n"
          + "    env: {A: " + quote(expression[1]) + "}\n";
      requests.add(submit(path, "expression " + expression[0], YAML, body.getBytes(StandardCharsets.UTF_8)));
    }
    for (String name : escapingFileNames()) {
      String body = "{\"name\":\"j\",\"tasks\":[{\"name\":\"t\",\"image\":\"busybox:latest\",\"run\":\"true\",\"files\":{"
          + quote(name) + ":\"x\"}}]}";
      requests.add(submit(path, "files name " + name, JSON, body.getBytes(StandardCharsets.UTF_8)));
    }
    for (String[] attachment : hostileAttachments()) {
      String body = "name: j\ntasks:\n  - name: t\n    image: busybox:latest\n" + attachment[1] + "\n";
      requests.add(submit(path, "attachment " + attachment[0], YAML, body.getBytes(StandardCharsets.UTF_8)));
    }
    byte[] valid = ("{\"name\":\"j\",\"tasks\":[" + TASK + "]}").getBytes(StandardCharsets.UTF_8);
    requests.add(submit(path, "invalid UTF-8 (C3 28) in a string", JSON, withBytes("{\"name\":\"", new byte[] {(byte) 0xC3, 0x28},
        "\",\"tasks\":[" + TASK + "]}")));
    requests.add(submit(path, "overlong UTF-8 slash (C0 AF)", YAML, withBytes("name: j", new byte[] {(byte) 0xC0, (byte) 0xAF},
        "\ntasks: []\n")));
    requests.add(submit(path, "a lone continuation byte (80)", JSON, withBytes("", new byte[] {(byte) 0x80}, "")));
    requests.add(submit(path, "UTF-16 body declared as JSON", JSON, ("{\"name\":\"j\",\"tasks\":[" + TASK + "]}")
        .getBytes(StandardCharsets.UTF_16)));
    // JSON allows an escaped lone surrogate (RFC 8259 leaves its meaning open): stored once, or refused.
    requests.add(HostileRequest.of("lone surrogate in the name", "POST", path).body(JSON, "{\"name\":\"\\ud800\",\"tasks\":["
        + TASK + "]}").submits().mayBeAccepted().build());
    requests.add(submit(path, "no content type", null, valid));
    requests.add(submit(path, "text/plain", "text/plain", valid));
    requests.add(submit(path, "multipart content type", "multipart/form-data; boundary=x", valid));
    requests.add(submit(path, "garbage content type", ";;;===", valid));
    requests.add(submit(path, "content type with CR in a parameter", "application/json; a=\"\rb\"", valid));
    requests.add(submit(path, "body over the size limit (2 MiB)", JSON, ("{\"name\":\"" + "x".repeat(2 << 20) + "\"}")
        .getBytes(StandardCharsets.UTF_8)));
    requests.add(HostileRequest.of("chunked body over the size limit", "POST", path).header("Transfer-Encoding", "chunked")
        .body(JSON, chunked("{\"name\":\"" + "y".repeat(3 << 20) + "\"}")).submits().build());
    requests.add(HostileRequest.of("Content-Length larger than the body, then EOF", "POST", path).header("Content-Length", "5000")
        .body(JSON, valid).submits().build());
    requests.add(HostileRequest.of("negative Content-Length", "POST", path).header("Content-Length", "-1").body(JSON, valid)
        .submits().build());
    requests.add(HostileRequest.of("two different Content-Lengths", "POST", path).header("Content-Length", valid.length
        + "\r\nContent-Length: 3").body(JSON, valid).submits().build());
    requests.add(HostileRequest.of("Content-Length and chunked together (smuggling)", "POST", path)
        .header("Content-Length", "4").header("Transfer-Encoding", "chunked").body(JSON, chunked(new String(valid, StandardCharsets.UTF_8)))
        .submits().mayBeAccepted().build()); // RFC 9112: chunked wins; Jetty may read the job and store it, once
    requests.add(HostileRequest.of("malformed chunk size", "POST", path).header("Transfer-Encoding", "chunked")
        .body(JSON, "zz\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)).submits().build());
    return requests;
  }

  static HostileRequest submit(String path, String label, String contentType, byte[] body) {
    return HostileRequest.of(label, "POST", path).body(contentType, body).submits().build();
  }

  private static List<String[]> jsonBodies() {
    return List.of(
        new String[] {"empty", ""}, new String[] {"blank", "  \n\t "}, new String[] {"open brace", "{"},
        new String[] {"null", "null"}, new String[] {"a number", "42"}, new String[] {"a string", "\"job\""},
        new String[] {"an array", "[" + TASK + "]"}, new String[] {"empty object", "{}"},
        new String[] {"trailing garbage", "{\"name\":\"j\",\"tasks\":[" + TASK + "]} trailing"},
        new String[] {"name is an array", "{\"name\":[],\"tasks\":[" + TASK + "]}"},
        new String[] {"name is an object", "{\"name\":{\"a\":1},\"tasks\":[" + TASK + "]}"},
        new String[] {"tasks is a string", "{\"name\":\"j\",\"tasks\":\"all\"}"},
        new String[] {"tasks holds a number", "{\"name\":\"j\",\"tasks\":[1]}"},
        new String[] {"tasks holds an array", "{\"name\":\"j\",\"tasks\":[[]]}"},
        new String[] {"env is an array", "{\"name\":\"j\",\"env\":[1],\"tasks\":[" + TASK + "]}"},
        new String[] {"env value is an object", "{\"name\":\"j\",\"env\":{\"A\":{\"b\":1}},\"tasks\":[" + TASK + "]}"},
        new String[] {"env name with = and NUL", "{\"name\":\"j\",\"env\":{\"A=B\\u0000\":\"x\"},\"tasks\":[" + TASK + "]}"},
        new String[] {"tags is a string", "{\"name\":\"j\",\"tags\":\"a\",\"tasks\":[" + TASK + "]}"},
        new String[] {"webhooks is an object", job("\"webhooks\":{\"url\":\"https://example.com\"}")},
        new String[] {"webhook url is a number", job("\"webhooks\":[{\"url\":7}]")},
        new String[] {"webhook to a file", job("\"webhooks\":[{\"url\":\"file:///etc/passwd\"}]")},
        new String[] {"webhook of 5000 characters", job("\"webhooks\":[{\"url\":\"https://e.com/" + "w".repeat(5000) + "\"}]")},
        new String[] {"17 webhooks", job("\"webhooks\":[" + numbered("{\"url\":\"https://e.com/", "\"}", 17) + "]")},
        new String[] {"webhook header with a line break in its name", job("\"webhooks\":[{\"url\":\"https://e.com\",\"headers\":{\"A\\r\\nB\":\"x\"}}]")},
        new String[] {"webhook header value an object", job("\"webhooks\":[{\"url\":\"https://e.com\",\"headers\":{\"A\":{}}}]")},
        new String[] {"webhook Host header", job("\"webhooks\":[{\"url\":\"https://e.com\",\"headers\":{\"Host\":\"x\"}}]")},
        new String[] {"webhook unknown event", job("\"webhooks\":[{\"url\":\"https://e.com\",\"event\":\"job.*\"}]")},
        new String[] {"webhook if unparseable", job("\"webhooks\":[{\"url\":\"https://e.com\",\"if\":\"{{ ( }}\"}]")},
        new String[] {"autoDelete is a string", job("\"autoDelete\":\"1h\"")},
        new String[] {"autoDelete after negative", job("\"autoDelete\":{\"after\":\"-1h\"}")},
        new String[] {"autoDelete after 1e400h", job("\"autoDelete\":{\"after\":\"1e400h\"}")},
        new String[] {"retry limit not a number", task("\"retry\":{\"limit\":\"many\"}")},
        new String[] {"retry limit 1e309", task("\"retry\":{\"limit\":1e309}")},
        new String[] {"retry limit 2^64", task("\"retry\":{\"limit\":18446744073709551616}")},
        new String[] {"negative retry limit", task("\"retry\":{\"limit\":-1}")},
        new String[] {"memory true", task("\"limits\":{\"memory\":true}")},
        new String[] {"memory 1e100g", task("\"limits\":{\"memory\":\"1e100g\"}")},
        new String[] {"memory 99999999999999999999g", task("\"limits\":{\"memory\":\"99999999999999999999g\"}")},
        new String[] {"cpus NaN", task("\"limits\":{\"cpus\":\"NaN\"}")},
        new String[] {"cpus -Infinity", task("\"limits\":{\"cpus\":\"-Infinity\"}")},
        new String[] {"timeout -1s", task("\"timeout\":\"-1s\"")},
        new String[] {"timeout forever", task("\"timeout\":\"forever\"")},
        new String[] {"timeout 9999999999999h", task("\"timeout\":\"9999999999999h\"")},
        new String[] {"cmd is a string", task("\"cmd\":\"echo\"")},
        new String[] {"image with a newline", "{\"name\":\"j\",\"tasks\":[{\"name\":\"t\",\"image\":\"busybox\\nrm\",\"run\":\"true\"}]}"},
        new String[] {"image with a shell command", "{\"name\":\"j\",\"tasks\":[{\"name\":\"t\",\"image\":\"busybox; rm -rf /\"}]}"},
        new String[] {"duplicate keys", "{\"name\":\"a\",\"name\":\"b\",\"tasks\":[" + TASK + "]}"},
        new String[] {"unknown field", "{\"name\":\"j\",\"tasks\":[" + TASK + "],\"__proto__\":{}}"},
        new String[] {"huge name (900 KB)", "{\"name\":\"" + "n".repeat(900_000) + "\",\"tasks\":[" + TASK + "]}"},
        new String[] {"100,000 empty tasks", "{\"name\":\"j\",\"tasks\":[" + "{},".repeat(99_999) + "{}]}"},
        new String[] {"5,000 tasks", "{\"name\":\"j\",\"tasks\":[" + (TASK + ",").repeat(4_999) + TASK + "]}"},
        new String[] {"20,000 env entries with one bad name", "{\"name\":\"j\",\"env\":{" + manyEnv(20_000) + ",\"1bad\":\"x\"},"
            + "\"tasks\":[" + TASK + "]}"},
        new String[] {"nesting 100,000 deep", "[".repeat(100_000)},
        new String[] {"nesting 70 deep in env", "{\"name\":\"j\",\"env\":" + "{\"a\":".repeat(70) + "1" + "}".repeat(70) + "}"},
        new String[] {"host network", task("\"network\":\"host\"")},
        new String[] {"host network, upper case", task("\"network\":\"HOST\"")},
        new String[] {"another container's network", task("\"network\":\"container:postgres\"")},
        new String[] {"50,000 tags", "{\"name\":\"j\",\"tags\":[" + numbered("\"t", "\"", 50_000) + "],\"tasks\":[" + TASK + "]}"},
        new String[] {"300 task env entries", task("\"env\":{" + manyEnv(300) + "}")},
        new String[] {"65 files", task("\"files\":{" + numbered("\"f", "\":\"x\"", 65) + "}")},
        new String[] {"257 tasks", "{\"name\":\"j\",\"tasks\":[" + (TASK + ",").repeat(256) + TASK + "]}"},
        new String[] {"NUL in an env value", "{\"name\":\"j\",\"env\":{\"A\":\"x\\u0000y\"},\"tasks\":[" + TASK + "]}"},
        new String[] {"NUL in a script", "{\"name\":\"j\",\"tasks\":[{\"name\":\"t\",\"image\":\"busybox:latest\",\"run\":\"echo \\u0000\"}]}"},
        new String[] {"NUL in the name", "{\"name\":\"a\\u0000b\",\"tasks\":[" + TASK + "]}"},
        new String[] {"NUL in a tag", "{\"name\":\"j\",\"tags\":[\"a\\u0000\"],\"tasks\":[" + TASK + "]}"},
        new String[] {"number with 100,000 digits", "{\"name\":\"j\",\"tasks\":[" + TASK + "],\"x\":" + "9".repeat(100_000) + "}"});
  }

  private static List<String[]> yamlBodies() {
    StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      laughs.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ",").repeat(8))
          .append('*').append((char) (c - 1)).append("]\n");
    }
    return List.of(
        new String[] {"billion laughs alias bomb", laughs + "name: j\ntasks: []\n"},
        new String[] {"parallels nested 12 deep", "name: j\ntasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: p, parallel: {tasks: [{name: t, image: busybox}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]\n"},
        new String[] {"each of 200 inside an each of 200, no concurrency", "name: j\ntasks: [{name: a, each: {list: '{{ sequence(0, 200) }}',"
            + " task: {name: b, each: {list: '{{ sequence(0, 200) }}', task: {name: t, image: busybox}}}}}]\n"},
        new String[] {"each over a list too long", "name: j\ntasks: [{name: a, each: {list: '{{ sequence(0, 100001) }}',"
            + " task: {name: t, image: busybox}}}]\n"},
        new String[] {"each over a string", "name: j\ntasks: [{name: a, each: {list: '{{ \"abc\" }}', task: {name: t, image: busybox}}}]\n"},
        new String[] {"each without a task", "name: j\ntasks: [{name: a, each: {list: '[1]'}}]\n"},
        new String[] {"each with a text concurrency", "name: j\ntasks: [{name: a, each: {list: '[1]', concurrency: many,"
            + " task: {name: t, image: busybox}}}]\n"},
        new String[] {"parallel as a list", "name: j\ntasks: [{name: a, parallel: [{name: t, image: busybox}]}]\n"},
        new String[] {"parallel with an image", "name: j\ntasks: [{name: a, image: busybox, parallel: {tasks: [{name: t, image: busybox}]}}]\n"},
        new String[] {"parallel and each at once", "name: j\ntasks: [{name: a, parallel: {tasks: [{name: t, image: busybox}]},"
            + " each: {list: '[1]', task: {name: t, image: busybox}}}]\n"},
        new String[] {"pre task with a retry", "name: j\ntasks: [{name: a, image: busybox, pre: [{name: p, image: busybox, retry: {limit: 1}}]}]\n"},
        new String[] {"pre task without an image", "name: j\ntasks: [{name: a, image: busybox, post: [{name: p}]}]\n"},
        new String[] {"pre task on host network", "name: j\ntasks: [{name: a, image: busybox, pre: [{name: p, image: busybox, network: host}]}]\n"},
        new String[] {"pre task with a mount of its own", "name: j\ntasks: [{name: a, image: busybox, pre: [{name: p, image: busybox,"
            + " mounts: [{type: bind, source: /etc, target: /e}]}]}]\n"},
        new String[] {"post task with a sidecar", "name: j\ntasks: [{name: a, image: busybox, post: [{name: p, image: busybox,"
            + " sidecars: [{name: s, image: busybox}]}]}]\n"},
        new String[] {"parallel with a mount", "name: j\ntasks: [{name: a, mounts: [{type: tmpfs, target: /t}],"
            + " parallel: {tasks: [{name: t, image: busybox}]}}]\n"},
        new String[] {"bind mount inside an each", "name: j\ntasks: [{name: a, each: {list: '[1]', task: {name: t, image: busybox,"
            + " mounts: [{type: bind, source: /, target: /host}]}}}]\n"},
        new String[] {"host network in a sub-job", "name: j\ntasks: [{name: a, subjob: {name: s, tasks: [{name: t, image: busybox,"
            + " network: host}]}}]\n"},
        new String[] {"alias for a task", "name: j\ntasks:\n  - &t {name: t, image: busybox:latest, run: 'true'}\n  - *t\n"},
        new String[] {"merge key", "base: &b {image: busybox:latest}\nname: j\ntasks:\n  - <<: *b\n    name: t\n"},
        new String[] {"python object tag", "name: !!python/object/apply:os.system ['true']\ntasks: []\n"},
        new String[] {"java class tag", "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\ntasks: []\n"},
        new String[] {"binary tag", "name: !!binary AAECAw==\ntasks: []\n"},
        new String[] {"a valid job, then a second document", "name: a\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n"
            + "---\nname: b\n"},
        new String[] {"tab indentation", "name: j\ntasks:\n\t- name: t\n"},
        new String[] {"unclosed flow", "name: j\ntasks: [ {name: t\n"},
        new String[] {"unclosed quote", "name: \"j\ntasks: []\n"},
        new String[] {"duplicate keys", "name: a\nname: b\ntasks: []\n"},
        new String[] {"a scalar document", "just words\n"},
        new String[] {"a list document", "- a\n- b\n"},
        new String[] {"complex key", "? [a, b]\n: c\nname: j\n"},
        new String[] {"nesting 10,000 deep", "a:\n" + "  ".repeat(1) + "[".repeat(10_000)},
        new String[] {"huge block scalar tasks (900 KB run, no name)", "tasks:\n  - image: busybox:latest\n    run: |\n"
            + "      echo x\n".repeat(75_000)},
        new String[] {"NUL character", "name: \"a\\0b\"\ntasks: []\n"},
        new String[] {"directive", "%YAML 9.9\n---\nname: j\n"},
        new String[] {"a secret in a task's name (shown)", "name: j\nsecrets: {a: b}\ntasks: [{name: '{{ secrets.a }}', image: busybox:latest}]\n"},
        new String[] {"a secret in the output (shown)", "name: j\nsecrets: {a: b}\noutput: '{{ secrets.a }}'\n"
            + "tasks: [{name: t, image: busybox:latest, if: 'false'}]\n"},
        new String[] {"secrets as a list", "name: j\nsecrets: [a, b]\ntasks: [{name: t, image: busybox:latest}]\n"},
        new String[] {"a secret computed with", "name: j\nsecrets: {a: b}\ntasks: [{name: t, image: busybox:latest,"
            + " env: {A: '{{ upper(secrets.a) }}'}}]\n"});
  }

  /**
   * Templates that must not parse, or whose evaluation (a first task's templates are evaluated at
   * submit) must stop at a limit: each a 400 naming the field, the expression and the limit.
   */
  private static List<String[]> hostileExpressions() {
    return List.of(
        new String[] {"nested 100 parentheses deep", "{{ " + "(".repeat(100) + "1" + ")".repeat(100) + " }}"},
        new String[] {"nested 100,000 parentheses deep", "{{ " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + " }}"},
        new String[] {"100 nested lists", "{{ " + "[".repeat(100) + "]".repeat(100) + " }}"},
        new String[] {"1,000 unary nots", "{{ " + "!".repeat(1000) + "true }}"},
        new String[] {"a 5,000-digit integer", "{{ " + "9".repeat(5000) + " }}"},
        new String[] {"a 30-digit integer", "{{ 123456789012345678901234567890 }}"},
        new String[] {"a float beyond double", "{{ 1e400 }}"},
        new String[] {"a 5,000-character string literal", "{{ '" + "s".repeat(5000) + "' }}"},
        new String[] {"an unterminated string", "{{ 'abc }}"},
        new String[] {"an unterminated string at the end", "{{ \"abc"},
        new String[] {"{{ without }}", "hello {{ inputs.big"},
        new String[] {"{{ inside {{", "{{ {{ 1 }} }}"},
        new String[] {"an empty template", "{{ }}"},
        new String[] {"an unknown name", "{{ env.HOME }}"},
        new String[] {"an unknown function", "{{ exec('rm -rf /') }}"},
        new String[] {"sequence(0, 2147483647)", "{{ sequence(0, 2147483647) }}"},
        new String[] {"a range of two billion", "{{ 0..2000000000 }}"},
        new String[] {"repeated string growth", "{{ join(sequence(0, 9999), '" + "x".repeat(200) + "') }}"},
        new String[] {"replace that multiplies", "{{ replace(replace(replace(inputs.big, '9', '" + "9".repeat(100)
            + "'), '9', '99'), '9', '99') }}"},
        new String[] {"list growth by +", "{{ sequence(0, 9000) + sequence(0, 9000) }}"},
        new String[] {"a backtracking regular expression", "{{ '" + "a".repeat(24) + "b".repeat(40) + "' matches '(.*a){25}' }}"},
        new String[] {"an invalid regular expression", "{{ 'a' matches '(' }}"},
        new String[] {"too many steps", "{{ " + String.join(" + ", java.util.Collections.nCopies(12, "len(sequence(0, 10000))"))
            + " }}"},
        new String[] {"fromJSON nested 3,000 deep", "{{ fromJSON(" + quote("[".repeat(3000)) + ") }}"},
        new String[] {"integer overflow", "{{ 9223372036854775807 * 2 }}"},
        new String[] {"division by zero", "{{ 1 % 0 }}"},
        new String[] {"a NUL made by an expression", "{{ 'a\\u0000b' }}"},
        new String[] {"a control character in an expression", "{{ 1 \u0007 2 }}"});
  }

  private static List<String> escapingFileNames() {
    return List.of("../escape", "../../../../etc/passwd", "/etc/passwd", "a/../../b", "a/./../..", "..", "a\\..\\b", "",
        " ", "a\u0000b", "x".repeat(300), "./../x");
  }

  private static String job(String extra) {
    return "{\"name\":\"j\",\"tasks\":[" + TASK + "]," + extra + "}";
  }

  private static String task(String extra) {
    return "{\"name\":\"j\",\"tasks\":[{\"name\":\"t\",\"image\":\"busybox:latest\",\"run\":\"true\"," + extra + "}]}";
  }

  /** {@code n} entries {@code <before>i<after>}, comma-separated. */
  static String numbered(String before, String after, int n) {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < n; i++) {
      entries.append(i == 0 ? "" : ",").append(before).append(i).append(after);
    }
    return entries.toString();
  }

  private static String manyEnv(int n) {
    StringBuilder env = new StringBuilder();
    for (int i = 0; i < n; i++) {
      env.append(i == 0 ? "" : ",").append("\"V").append(i).append("\":\"").append(i).append('"');
    }
    return env.toString();
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      out.append(c == '"' || c == '\\' ? "\\" + c : c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return out.append('"').toString();
  }

  private static byte[] withBytes(String before, byte[] middle, String after) {
    byte[] a = before.getBytes(StandardCharsets.UTF_8);
    byte[] c = after.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[a.length + middle.length + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(middle, 0, all, a.length, middle.length);
    System.arraycopy(c, 0, all, a.length + middle.length, c.length);
    return all;
  }

  static byte[] chunked(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return withBytes(Integer.toHexString(bytes.length) + "\r\n", bytes, "\r\n0\r\n\r\n");
  }
}
