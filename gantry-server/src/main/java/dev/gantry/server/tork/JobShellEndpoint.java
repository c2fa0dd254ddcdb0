package dev.gantry.server.tork;

import dev.gantry.core.engine.JobService;
import dev.gantry.core.job.KeptEnvironment;
import dev.gantry.core.spi.RuntimeShell;
import dev.gantry.core.spi.SessionFailure;
import dev.gantry.core.spi.ShellInputOverflow;
import dev.gantry.core.spi.TaskRuntime;
import dev.gantry.server.Callers;
import dev.gantry.server.RequestRejectedException;
import io.javalin.http.Context;
import io.javalin.websocket.WsCloseStatus;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /jobs/{id}/shell} as a WebSocket: an interactive shell, with a terminal, in the
 * environment a build kept ({@link JobService#keptEnvironment}, so only a caller who may change the
 * job gets one). Binary messages are what is typed and what the terminal prints; a text message
 * {@code resize COLUMNS ROWS} sizes the terminal; when the shell exits the server closes the socket
 * with status 1000 and the reason {@code exit CODE}. The checks run before the upgrade, so a refusal
 * is an ordinary HTTP answer (404, 403, 409); a request without the upgrade is a 426.
 */
final class JobShellEndpoint {

  private static final Logger log = LoggerFactory.getLogger(JobShellEndpoint.class);
  private static final String KEPT = "gantry.shell.kept";
  private static final Pattern RESIZE = Pattern.compile("resize (\\d{1,4}) (\\d{1,4})");
  /** What the shell's terminal claims to be. */
  private static final Map<String, String> ENV = Map.of("TERM", "xterm");

  private final JobService jobs;
  /** The runtime this process runs tasks on; null: it runs none (an API-only server). */
  private final Supplier<TaskRuntime> runtime;
  private final Map<String, RuntimeShell> open = new ConcurrentHashMap<>();

  JobShellEndpoint(JobService jobs, Supplier<TaskRuntime> runtime) {
    this.jobs = jobs;
    this.runtime = runtime;
  }

  /** Before the upgrade (and for a plain GET): who asks, and whether there is an environment to open a shell in. */
  void check(Context ctx) {
    KeptEnvironment kept = jobs.keptEnvironment(Callers.of(ctx), ctx.pathParam("id"));
    if (runtime.get() == null) {
      throw new RequestRejectedException(409, "this server runs no tasks, so it cannot reach job " + kept.jobId()
          + "'s environment: connect to the standalone or worker process that ran it");
    }
    ctx.attribute(KEPT, kept);
  }

  /** A GET without {@code Upgrade: websocket}. */
  void plainGet(Context ctx) {
    check(ctx);
    ctx.header("Upgrade", "websocket");
    throw new RequestRejectedException(426, "GET /jobs/{id}/shell is a WebSocket: send Connection: Upgrade and"
        + " Upgrade: websocket (gantry shell JOB does)");
  }

  void configure(WsConfig ws) {
    ws.onConnect(ctx -> connected(ctx));
    ws.onBinaryMessage(ctx -> typed(ctx, ctx.data(), ctx.offset(), ctx.length()));
    ws.onMessage(ctx -> control(ctx, ctx.message()));
    ws.onClose(ctx -> closed(ctx.sessionId()));
    ws.onError(ctx -> closed(ctx.sessionId()));
  }

  private void connected(WsContext ctx) {
    KeptEnvironment kept = ctx.attribute(KEPT);
    TaskRuntime here = runtime.get();
    if (kept == null || here == null) {
      ctx.closeSession(WsCloseStatus.POLICY_VIOLATION, "no environment checked for this connection");
      return;
    }
    ctx.enableAutomaticPings();
    try {
      RuntimeShell shell = here.openShell(kept.runId(), ENV, new RuntimeShell.Output() {
        @Override
        public void bytes(byte[] printed) {
          if (ctx.session.isOpen()) {
            ctx.send(ByteBuffer.wrap(printed));
          }
        }

        @Override
        public void exited(Integer exitCode) {
          open.remove(ctx.sessionId());
          if (ctx.session.isOpen()) {
            ctx.closeSession(WsCloseStatus.NORMAL_CLOSURE, "exit " + (exitCode == null ? "unknown" : exitCode));
          }
        }
      });
      open.put(ctx.sessionId(), shell);
      log.info("shell opened in the kept environment of job {} (run {})", kept.jobId(), kept.runId());
    } catch (SessionFailure e) {
      ctx.closeSession(WsCloseStatus.SERVER_ERROR, truncated(e.getMessage()));
    }
  }

  private void typed(WsContext ctx, byte[] data, int offset, int length) {
    RuntimeShell shell = open.get(ctx.sessionId());
    if (shell != null) {
      byte[] typed = new byte[length];
      System.arraycopy(data, offset, typed, 0, length);
      try {
        shell.write(typed);
      } catch (ShellInputOverflow overflow) {
        ctx.closeSession(WsCloseStatus.MESSAGE_TOO_BIG, truncated(overflow.getMessage()));
      } catch (SessionFailure exited) {
        log.debug("typed into a shell that has exited: {}", exited.getMessage());
      }
    }
  }

  private void control(WsContext ctx, String message) {
    Matcher m = RESIZE.matcher(message.trim());
    RuntimeShell shell = open.get(ctx.sessionId());
    if (!m.matches()) {
      ctx.closeSession(WsCloseStatus.UNSUPPORTED_DATA, "a text message is 'resize COLUMNS ROWS'; typed input goes in binary messages");
    } else if (shell != null) {
      shell.resize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
  }

  private void closed(String sessionId) {
    RuntimeShell shell = open.remove(sessionId);
    if (shell != null) {
      shell.close();
    }
  }

  /** A close reason is at most 123 bytes. */
  private static String truncated(String reason) {
    return reason.length() <= 120 ? reason : reason.substring(0, 117) + "...";
  }
}
