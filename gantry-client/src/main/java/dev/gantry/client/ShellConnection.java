package dev.gantry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * {@code GET /jobs/{id}/shell}: the checks first, as a plain GET (a refusal is the API's error, a
 * 426 means the shell may open), then the WebSocket. What {@code in} gives is typed (its end types
 * Ctrl-D), what the terminal prints goes to {@code out}; the shell's exit code is the answer.
 */
final class ShellConnection {

  /** Ctrl-D: at the start of a line, end of input to the shell's terminal. */
  private static final byte[] END_OF_INPUT = {4};

  private final Transport transport;

  ShellConnection(Transport transport) {
    this.transport = transport;
  }

  int run(String jobPath, InputStream in, OutputStream out, int columns, int rows) {
    URI uri = transport.server().resolve("jobs/" + jobPath + "/shell");
    HttpRequest probe = transport.request("jobs/" + jobPath + "/shell").header("Accept", "application/json").GET().build();
    try {
      HttpResponse<String> answer = transport.http().send(probe, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 426) {
        throw Transport.failure(uri, answer.statusCode(), answer.body(), transport.token() != null);
      }
    } catch (java.net.ConnectException e) {
      throw transport.unreachable(e);
    } catch (IOException e) {
      throw new GantryUnavailableException(0, e.toString(), "request to " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException(0, "interrupted", "interrupted", e);
    }
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    URI ws = URI.create(uri.toString().replaceFirst("^http", "ws"));
    WebSocket.Builder builder = transport.http().newWebSocketBuilder();
    if (transport.token() != null) {
      builder.header("Authorization", "Bearer " + transport.token());
    }
    WebSocket socket;
    try {
      socket = builder.buildAsync(ws, new Printer(out, exit)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GantryException(0, "interrupted", "interrupted", e);
    } catch (ExecutionException e) {
      throw new GantryUnavailableException(0, e.getCause().toString(), "the shell at " + ws + " did not open: "
          + e.getCause().getMessage(), e.getCause());
    }
    if (columns > 0 && rows > 0) {
      socket.sendText("resize " + columns + " " + rows, true).join();
    }
    Thread typing = new Thread(() -> type(in, socket, exit), "gantry-shell-input");
    typing.setDaemon(true);
    typing.start();
    try {
      return exit.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      socket.abort();
      throw new GantryException(0, "interrupted", "interrupted", e);
    } catch (ExecutionException e) {
      throw new GantryUnavailableException(0, e.getCause().toString(), "the shell ended: " + e.getCause().getMessage(),
          e.getCause());
    }
  }

  private static void type(InputStream in, WebSocket socket, CompletableFuture<Integer> exit) {
    byte[] buffer = new byte[4096];
    try {
      int n;
      while (!exit.isDone() && (n = in.read(buffer)) >= 0) {
        if (n > 0) {
          socket.sendBinary(ByteBuffer.wrap(buffer, 0, n), true).join();
        }
      }
      if (!exit.isDone()) {
        socket.sendBinary(ByteBuffer.wrap(END_OF_INPUT), true).join();
      }
    } catch (IOException | RuntimeException e) {
      // The shell ended meanwhile (the socket closed), or the input failed: the exit says how it ended.
      if (!exit.isDone() && e instanceof IOException io) {
        exit.completeExceptionally(io);
      }
    }
  }

  /** Prints what comes; the close's reason {@code exit CODE} is the exit code (-1 when unknown). */
  private static final class Printer implements WebSocket.Listener {
    private final OutputStream out;
    private final CompletableFuture<Integer> exit;

    Printer(OutputStream out, CompletableFuture<Integer> exit) {
      this.out = out;
      this.exit = exit;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      if (reason.startsWith("exit ")) {
        try {
          exit.complete(Integer.parseInt(reason.substring(5).strip()));
        } catch (NumberFormatException unknown) {
          exit.complete(-1);
        }
      } else {
        exit.completeExceptionally(new IOException("the server closed the shell (" + status + "): " + reason));
      }
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      exit.completeExceptionally(error);
    }
  }
}
