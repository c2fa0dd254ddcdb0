package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client commands against a server that answers what Gantry never would (a proxy's HTML, a
 * truncated body, text built to drive a terminal): one escaped line on stderr and exit code 2.
 */
class HostileServerTest {

  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    answer("/jobs/html", 502, "<html>\n<body>Bad Gateway</body>\n</html>\n");
    answer("/jobs/truncated", 200, "{\"id\": \"abc\", \"execution\": [");
    answer("/jobs/evil", 404, "{\"message\": \"no job\\n\\u001b[2Jgantry: all good\"}");
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(String path, int status, String body) {
    server.createContext(path, exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
  }

  private CliRun gantry(String... args) {
    return CliRun.against("http://127.0.0.1:" + server.getAddress().getPort(), args);
  }

  private static void assertOneLine(CliRun run, String... fragments) {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines()).singleElement().satisfies(line -> assertThat(line).startsWith("gantry: ").contains(fragments));
    assertThat(run.err()).doesNotContain("\u001b");
  }

  @Test
  void aProxysHtmlPageIsOneLine() {
    assertOneLine(gantry("status", "html"), "request to http://127.0.0.1:");
  }

  @Test
  void aTruncatedBodyIsOneLine() {
    assertOneLine(gantry("status", "truncated"), "failed");
  }

  @Test
  void aMessageBuiltToDriveTheTerminalIsEscaped() {
    assertOneLine(gantry("status", "evil"), "no job \\e[2Jgantry: all good (HTTP 404)");
  }
}
