package dev.gantry.server.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Hostile credentials and token requests: malformed {@code Authorization} headers of every kind
 * on a route, and malformed bodies and ids for {@code /auth/tokens}.
 */
public final class AuthCorpus {

  private AuthCorpus() {}

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String base64(String text) {
    return base64(text.getBytes(StandardCharsets.UTF_8));
  }

  /** UTF-8 bytes as the builder writes a header (ISO-8859-1 one byte per char): what a client sending raw UTF-8 sends. */
  private static String utf8OnTheWire(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** Authorization header values that carry no valid credential. */
  static List<String[]> badCredentials() {
    return List.of(
        new String[] {"empty", ""},
        new String[] {"scheme only", "Bearer"},
        new String[] {"scheme and spaces", "Bearer    "},
        new String[] {"unknown scheme", "Negotiate YIIBhwYGKwYBBQUCoIIBezCCAXeg"},
        new String[] {"digest", "Digest username=\"a\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"x\""},
        new String[] {"wrong token", "Bearer gantry_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
        new String[] {"huge bearer (6 KB)", "Bearer " + "A".repeat(6_000)},
        new String[] {"long but allowed bearer (1.5 KB)", "Bearer " + "b".repeat(1_500)},
        new String[] {"non-base64 Basic", "Basic !!!not*base64!!!"},
        new String[] {"Basic without a colon", "Basic " + base64("hadesonly")},
        new String[] {"Basic with an empty password", "Basic " + base64("hades:")},
        new String[] {"Basic of invalid UTF-8", "Basic " + base64(new byte[] {'h', ':', (byte) 0xC3, 0x28})},
        new String[] {"Basic with a wrong token", "Basic " + base64("hades:gantry_wrong")},
        // A password is hashed (~0.1 s) until the sign-in throttle holds the name and the address up: 401s, then 429s.
        new String[] {"Basic with a wrong password", "Basic " + base64("mallory:not the right password")},
        new String[] {"Basic of 4 KB", "Basic " + base64("u:" + "p".repeat(3_000))},
        new String[] {"unicode bearer", "Bearer " + utf8OnTheWire("gantry_ünïcødé€💥")},
        new String[] {"unicode Basic", "Basic " + base64("hädes:tökén💥")},
        new String[] {"token scheme, wrong", "token nope"},
        new String[] {"lower-case basic, garbage", "basic ===="},
        new String[] {"tab instead of space", "Bearer\tgantry_x"},
        new String[] {"NUL in the token", "Bearer gantry_\u0000x"},
        new String[] {"SQL in the token", "Bearer ' or '1'='1"},
        new String[] {"header injection attempt", "Bearer x\r\nX-Injected: yes"});
  }

  /** Each bad credential on each of {@code routes} ({@code METHOD path}); every answer must be a 4xx. */
  public static List<HostileRequest> credentialRequests(List<String[]> routes) {
    List<HostileRequest> requests = new ArrayList<>();
    for (String[] route : routes) {
      for (String[] credential : badCredentials()) {
        HostileRequest.Builder request = HostileRequest.of("credential " + credential[0] + ": " + route[0] + " " + route[1],
            route[0], route[1]).header("Authorization", credential[1]);
        if (!route[0].equals("GET")) {
          request.body("application/json", "{\"name\":\"j\",\"scopes\":[\"admin\"]}");
        }
        requests.add(request.build());
      }
    }
    requests.add(HostileRequest.of("two Authorization headers, both wrong", "GET", "/jobs").header("Authorization",
        "Bearer a\r\nAuthorization: Bearer b").build());
    return requests;
  }

  /** Malformed token requests, sent with {@code adminCredential}: each is a 4xx and makes no token. */
  public static List<HostileRequest> tokenRequests(String adminCredential) {
    List<String> bodies = List.of("", "null", "[]", "\"x\"", "{", "{\"name\":", "{\"name\":\"x\",\"scopes\":[]}",
        "{\"name\":\"x\",\"scopes\":[null]}", "{\"name\":\"x\",\"scopes\":[1]}", "{\"name\":\"x\",\"scopes\":[[\"admin\"]]}",
        "{\"name\":\"x\",\"scopes\":{\"admin\":true}}", "{\"name\":[],\"scopes\":[\"admin\"]}",
        "{\"name\":\"" + "n".repeat(10_000) + "\",\"scopes\":[\"admin\"]}",
        "{\"name\":\"x\\u0000y\",\"scopes\":[\"admin\"]}", "{\"name\":\"x\\ny\",\"scopes\":[\"admin\"]}",
        "{\"name\":\"x\",\"scopes\":[" + "\"jobs:read\",".repeat(5_000) + "\"admin\"]}",
        "{\"name\":\"x\",\"scopes\":[\"ADMIN\"]}", "{\"name\":\"x\",\"scopes\":[\"admin \"]}",
        "{\"name\":\"x\",\"scopes\":[\"jobs:*\"]}", "{\"name\":\"x\",\"scopes\":[\"" + "s".repeat(5_000) + "\"]}",
        "{\"name\":\"x\",\"scopes\":[\"admin\"],\"user\":\"\"}", "{\"name\":\"x\",\"scopes\":[\"admin\"],\"user\":\"../etc\"}",
        "{\"name\":\"x\",\"scopes\":[\"admin\"],\"user\":\"" + "u".repeat(65) + "\"}",
        "{\"name\":\"x\",\"scopes\":[\"admin\"],\"user\":\"al ice\"}", "{\"name\":\"x\",\"scopes\":[\"admin\"],\"user\":7}",
        "{\"name\":\"x\",\"scopes\":[\"admin\"],\"expiresIn\":\"-1d\"}", "{\"name\":\"x\",\"scopes\":[\"admin\"],\"expiresIn\":\"0d\"}",
        "{\"name\":\"x\",\"scopes\":[\"admin\"],\"expiresIn\":\"99999d\"}",
        "{\"name\":\"x\",\"scopes\":[\"admin\"],\"expiresIn\":\"999999999999999999999d\"}",
        "{\"name\":\"x\",\"scopes\":[\"admin\"],\"expiresIn\":\"1y\"}", "{\"name\":\"x\",\"scopes\":[\"admin\"],\"expiresIn\":{}}",
        "{\"name\":\"x\",\"scopes\":[\"admin\"],\"id\":\"mine\"}", "{\"name\":\"x\",\"scopes\":[\"admin\"],\"token\":\"chosen\"}",
        "[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
    List<HostileRequest> requests = new ArrayList<>();
    for (String body : bodies) {
      requests.add(HostileRequest.of("token request " + body, "POST", "/auth/tokens").header("Authorization", adminCredential)
          .body("application/json", body).build());
    }
    requests.add(HostileRequest.of("token request of invalid UTF-8", "POST", "/auth/tokens").header("Authorization", adminCredential)
        .body("application/json", new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'}).build());
    requests.add(HostileRequest.of("token request over the size limit", "POST", "/auth/tokens")
        .header("Authorization", adminCredential).body("application/json", "{\"name\":\"" + "x".repeat(2 << 20) + "\"}").build());
    for (String id : ReadCorpus.unknownIds()) {
      requests.add(HostileRequest.of("revoke unknown token " + id, "DELETE", "/auth/tokens/" + id)
          .header("Authorization", adminCredential).build());
    }
    for (String method : List.of("PUT", "PATCH", "TRACE")) {
      requests.add(HostileRequest.of(method + " /auth/tokens", method, "/auth/tokens").header("Authorization", adminCredential)
          .build());
    }
    requests.add(HostileRequest.of("GET one token", "GET", "/auth/tokens/x").header("Authorization", adminCredential).build());
    return requests;
  }

  /** Malformed user and role requests, and unknown or impossible names in role paths, as an admin sends them. */
  public static List<HostileRequest> userRequests(String adminCredential) {
    String password = "a long enough password";
    List<String> users = List.of("", "null", "[]", "\"x\"", "{", "{\"username\":", "{\"username\":\"a\"}",
        "{\"password\":\"" + password + "\"}", "{\"username\":null,\"password\":\"" + password + "\"}",
        "{\"username\":[\"a\"],\"password\":\"" + password + "\"}", "{\"username\":\"a\",\"password\":7}",
        "{\"username\":\"a\",\"password\":\"short\"}", "{\"username\":\"a\",\"password\":\"" + "p".repeat(10_000) + "\"}",
        "{\"username\":\"" + "u".repeat(10_000) + "\",\"password\":\"" + password + "\"}",
        "{\"username\":\"../etc\",\"password\":\"" + password + "\"}", "{\"username\":\"a b\",\"password\":\"" + password + "\"}",
        "{\"username\":\"a\",\"password\":\"" + password + "\\u0000\"}",
        "{\"username\":\"a\",\"password\":\"" + password + "\",\"admin\":true}",
        "[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));
    List<HostileRequest> requests = new ArrayList<>();
    for (String body : users) {
      requests.add(HostileRequest.of("user request " + body, "POST", "/users").header("Authorization", adminCredential)
          .body("application/json", body).build());
      String role = body.replace("username", "name");
      if (!role.equals("{\"name\":\"a\"}")) { // a valid role request
        requests.add(HostileRequest.of("role request " + role, "POST", "/roles").header("Authorization", adminCredential)
            .body("application/json", role).build());
      }
    }
    requests.add(HostileRequest.of("user request of invalid UTF-8", "POST", "/users").header("Authorization", adminCredential)
        .body("application/json", new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'}).build());
    for (String id : ReadCorpus.unknownIds()) {
      for (String[] call : new String[][] {{"GET", "/roles/" + id}, {"DELETE", "/roles/" + id},
          {"PUT", "/roles/" + id + "/members/bob"}, {"DELETE", "/roles/" + id + "/members/" + id}}) {
        requests.add(HostileRequest.of(call[0] + " " + call[1], call[0], call[1]).header("Authorization", adminCredential).build());
      }
    }
    return requests;
  }
}
