package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.core.engine.NotFoundException;
import dev.gantry.server.TestServer.Reply;
import dev.gantry.server.tork.NativeDialect;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.http.HttpRequest;
import java.util.List;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two dialects on one server: each one's errors, whether thrown by its handlers or raised by
 * Javalin under its paths, come out in its own format and never in the other's.
 */
class DialectIsolationTest {

  private static final long LIMIT = 100;

  /** A dialect that answers errors in plain text, as Hades does. */
  static final class PlainDialect implements HttpDialect {

    @Override
    public List<String> pathPrefixes() {
      return List.of("/plain", "/ping");
    }

    @Override
    public void register(DialectRoutes routes) {
      routes.get("/ping", ctx -> ctx.result("pong"))
          .get("/plain/missing", ctx -> {
            throw new NotFoundException("thing", "x");
          })
          .post("/plain/body", ctx -> ctx.result("got " + ctx.body().length())) // Javalin's own size check
          .get("/plain/bug", ctx -> {
            throw new IllegalStateException("bug");
          });
    }

    @Override
    public void renderError(Context ctx, Exception error) {
      int status = error instanceof NotFoundException ? 404
          : error instanceof HttpResponseException e ? e.getStatus() : 500;
      ctx.status(status).contentType("text/plain").result("plain error " + status);
    }
  }

  /** Reads bodies through Javalin's {@code ctx.body()} but renders errors as the native dialect does. */
  record NativeBodyProbe(NativeDialect nativeDialect) implements HttpDialect {

    @Override
    public List<String> pathPrefixes() {
      return List.of("/probe");
    }

    @Override
    public void register(DialectRoutes routes) {
      routes.post("/probe", ctx -> ctx.result("got " + ctx.body().length()))
          .get("/probe/bug", ctx -> {
            throw new IllegalStateException("secret detail");
          })
          .get("/probe/gone", ctx -> {
            // What Jetty throws when the client closed the connection (mid-body, or under a stream).
            throw new EofException("reset by peer");
          });
    }

    @Override
    public void renderError(Context ctx, Exception error) {
      nativeDialect.renderError(ctx, error);
    }
  }

  private static final ServerSettings SETTINGS = ServerSettings.defaults().withPort(0).withMaxRequestBytes(LIMIT);

  private final TestServer server = new TestServer(SETTINGS,
      jobs -> {
        NativeDialect nativeDialect = new NativeDialect(jobs, SETTINGS);
        return List.of(nativeDialect, new PlainDialect(), new NativeBodyProbe(nativeDialect));
      });

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void eachDialectRendersItsOwnRouteErrors() {
    assertThat(server.get("/ping").body()).isEqualTo("pong");
    Reply plain = server.get("/plain/missing");
    assertThat(plain.status()).isEqualTo(404);
    assertThat(plain.body()).isEqualTo("plain error 404");
    Reply nativeReply = server.get("/jobs/missing");
    assertThat(nativeReply.status()).isEqualTo(404);
    assertThat(nativeReply.message()).isEqualTo("job missing not found");
  }

  @Test
  void unmatchedPathsAreAnsweredByTheDialectOwningThem() {
    assertThat(server.get("/plain/nothing-here").body()).isEqualTo("plain error 404");
    assertThat(server.send(HttpRequest.newBuilder(server.uri("/ping")).DELETE()).body()).isEqualTo("plain error 405");
    assertThat(server.get("/pingpong").message()).startsWith("no such endpoint");
    assertThat(server.get("/nothing").message()).startsWith("no such endpoint");
    assertThat(server.send(HttpRequest.newBuilder(server.uri("/jobs")).DELETE()).status()).isEqualTo(405);
  }

  @Test
  void javalinsOwnBodyLimitIsRenderedByTheDialect() {
    Reply reply = server.post("/plain/body", "text/plain", "x".repeat(101));
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.body()).isEqualTo("plain error 413");
    assertThat(server.post("/plain/body", "text/plain", "x".repeat(100)).body()).isEqualTo("got 100");
  }

  @Test
  void javalinsOwnBodyLimitIsJsonInTheNativeFormat() {
    Reply reply = server.post("/probe", "text/plain", "x".repeat(101));
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.message()).isNotBlank();
  }

  @Test
  void theNativeLimitFollowsTheSettings() {
    Reply reply = server.post("/jobs", "text/yaml", "name: x\n" + "#".repeat(93));
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.message()).isEqualTo("the request body is larger than the limit of 100 bytes");
  }

  @Test
  void aBugInOneDialectIsA500InItsFormat() {
    assertThat(server.get("/plain/bug").body()).isEqualTo("plain error 500");
  }

  @Test
  void aClientThatWentAwayIsNotAServerError() {
    Reply reply = server.get("/probe/gone");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.message()).isEqualTo("the connection ended before the exchange did");
    assertThat(server.takeLoggedErrors()).isEmpty();
  }

  @Test
  void aBugRenderedNativelyIsAGeneric500AndIsLogged() {
    Reply reply = server.get("/probe/bug");
    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.body()).isEqualTo("{\"message\":\"internal server error\"}");
    assertThat(server.takeLoggedErrors()).containsExactly("unexpected error serving GET /probe/bug");
  }
}
