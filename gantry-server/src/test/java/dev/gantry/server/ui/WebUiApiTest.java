package dev.gantry.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.server.TestServer;
import dev.gantry.server.TestServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web UI's files over real HTTP: where they are, the headers that keep a browser strict with
 * them, that they hold no way to put data in as HTML, and that state-changing requests a browser
 * sends from another site are refused (while clients that are not browsers are not concerned).
 */
class WebUiApiTest {

  private static final String JOB = "name: j\ntasks: [{name: t, image: 'busybox:latest', run: 'true'}]\n";
  private final TestServer server = new TestServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theRootRedirectsToTheUiPage() {
    Reply root = server.get("/");
    assertThat(root.status()).isEqualTo(302);
    assertThat(root.header("Location")).isEqualTo("/ui");
    for (String path : new String[] {"/ui", "/ui/"}) {
      Reply page = server.get(path);
      assertThat(page.status()).as(path).isEqualTo(200);
      assertThat(page.header("Content-Type")).startsWith("text/html").containsIgnoringCase("charset=utf-8");
      assertThat(page.body()).contains("<script type=\"module\" src=\"/ui/app.js\"></script>");
    }
  }

  @Test
  void everyFileIsServedWithAStrictPolicyAndItsType() {
    for (String file : WebUiDialect.FILES) {
      Reply reply = server.get("/ui/" + file);
      assertThat(reply.status()).as(file).isEqualTo(200);
      assertThat(reply.header("Content-Type")).as(file).startsWith(file.endsWith(".js") ? "text/javascript"
          : file.endsWith(".css") ? "text/css" : file.endsWith(".svg") ? "image/svg+xml" : "text/html");
      assertThat(reply.header("Content-Security-Policy")).as(file)
          .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
      assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
  }

  @Test
  void unknownFilesAre404WithTheSameHeadersAndNoTraversal() {
    for (String path : new String[] {"/ui/nope.js", "/ui/../jobs", "/ui/%2e%2e/version.properties", "/ui/UiAsset.class",
        "/ui/app.js/x"}) {
      Reply reply = server.get(path);
      assertThat(reply.status()).as(path).isIn(400, 404);
      assertThat(reply.body()).as(path).doesNotContain("version=").doesNotContain("\"items\"");
    }
    Reply missing = server.get("/ui/nope.js");
    assertThat(missing.header("Content-Type")).startsWith("text/plain");
    assertThat(missing.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void theScriptsBuildTheirPagesFromTextNeverFromHtml() throws IOException {
    Pattern unsafe = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(|new Function|"
        + "setAttribute\\(['\"]on|https?://");
    for (String file : WebUiDialect.FILES) {
      String text = resource(file);
      if (file.endsWith(".js")) {
        assertThat(text).as(file).doesNotContainPattern(unsafe);
      }
      if (file.endsWith(".html")) {
        // No inline script or handler: the policy would block them, and so nothing relies on them.
        assertThat(text).doesNotContainPattern("\\son[a-z]+=").doesNotContainPattern("<script(?![^>]*\\bsrc=)");
      }
    }
  }

  @Test
  void aStateChangingRequestFromAnotherSiteIsRefusedAndChangesNothing() {
    String id = server.submitted(JOB);
    String host = "127.0.0.1:" + server.uri("/").getPort();

    Reply fromElsewhere = server.send(HttpRequest.newBuilder(server.uri("/jobs/" + id + "/cancel"))
        .header("Origin", "http://evil.example").PUT(BodyPublishers.noBody()));
    assertThat(fromElsewhere.status()).isEqualTo(403);
    assertThat(fromElsewhere.message()).contains("cross-site request refused (Origin http://evil.example)");
    Reply marked = server.send(HttpRequest.newBuilder(server.uri("/jobs/" + id + "/cancel"))
        .header("Sec-Fetch-Site", "cross-site").PUT(BodyPublishers.noBody()));
    assertThat(marked.status()).isEqualTo(403);
    Reply posted = server.send(HttpRequest.newBuilder(server.uri("/jobs")).header("Origin", "http://" + host + ".evil.example")
        .header("Content-Type", "text/yaml").POST(BodyPublishers.ofString(JOB)));
    assertThat(posted.status()).isEqualTo(403);
    Reply hades = server.send(HttpRequest.newBuilder(server.uri("/build")).header("Origin", "null")
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{}")));
    assertThat(hades.status()).isEqualTo(403);
    assertThat(hades.body()).contains("cross-site request refused");
    assertThat(server.storedJobs()).isEqualTo(1);
    assertThat(server.get("/jobs/" + id).json().path("state").asText()).isEqualTo("SCHEDULED");

    // The UI's own page (same origin), and clients that are not browsers (no Origin at all), may.
    Reply fromTheUi = server.send(HttpRequest.newBuilder(server.uri("/jobs/" + id + "/cancel"))
        .header("Origin", "http://" + host).header("Sec-Fetch-Site", "same-origin").PUT(BodyPublishers.noBody()));
    assertThat(fromTheUi.status()).as(fromTheUi.body()).isEqualTo(200);
    assertThat(server.post("/jobs", "text/yaml", JOB).status()).isEqualTo(200);
    // Reading is not changing: a cross-site GET is answered (the browser keeps the answer from the other site).
    assertThat(server.send(HttpRequest.newBuilder(server.uri("/jobs")).header("Sec-Fetch-Site", "cross-site").GET())
        .status()).isEqualTo(200);
  }

  @Test
  void withAuthenticationOnTheFilesAreOpenButNoDataIs() {
    try (TestServer secured = TestServer.withAuth()) {
      assertThat(secured.get("/ui").status()).isEqualTo(200);
      assertThat(secured.get("/ui/app.js").status()).isEqualTo(200);
      assertThat(secured.get("/jobs").status()).isEqualTo(401);
      assertThat(secured.get("/nodes").status()).isEqualTo(401);
    }
  }

  private static String resource(String file) throws IOException {
    try (InputStream in = WebUiDialect.class.getResourceAsStream("/dev/gantry/server/ui/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
