package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import dev.gantry.core.spi.RuntimeShell;
import dev.gantry.core.spi.SessionFailure;
import dev.gantry.core.spi.ShellInputOverflow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An interactive shell in a kept session container: a Docker exec with a terminal, stdin attached
 * ({@link TypedInput}), its raw terminal output handed on as it comes. bash when the image has it, sh
 * otherwise, in the home directory.
 */
final class DockerShell implements RuntimeShell {

  private static final Logger log = LoggerFactory.getLogger(DockerShell.class);
  private static final byte[] END_OF_INPUT = {4};
  private static final java.time.Duration EXIT_CODE_WAIT = java.time.Duration.ofSeconds(10);
  private static final String[] SHELL = {"sh", "-c",
      "cd \"${HOME:-/}\" 2>/dev/null; if command -v bash >/dev/null 2>&1; then exec bash; fi; exec sh"};

  private final DockerClient client;
  private final String execId;
  private final TypedInput input = new TypedInput();
  private final AtomicBoolean exited = new AtomicBoolean();
  private final ResultCallback.Adapter<Frame> attached;

  private DockerShell(DockerClient client, String execId, Output output) {
    this.client = client;
    this.execId = execId;
    this.attached = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        output.bytes(frame.getPayload());
      }

      @Override
      public void onComplete() {
        super.onComplete();
        exited(output);
      }

      @Override
      public void onError(Throwable error) {
        log.debug("shell exec {} ended with an error: {}", execId, error.toString());
        super.onError(error);
        exited(output);
      }
    };
  }

  /** Starts the shell in the running container of session run {@code runId}. */
  static DockerShell open(DockerRuntime.Parts parts, String runId, Map<String, String> env, Output output) {
    DockerClient client = parts.client();
    String container = Labels.containerName(runId);
    try {
      InspectContainerResponse found = client.inspectContainerCmd(container).exec();
      if (found.getState() == null || !Boolean.TRUE.equals(found.getState().getRunning())) {
        throw new SessionFailure("the kept environment of run " + runId + " is not running any more");
      }
      List<String> vars = new ArrayList<>();
      env.forEach((k, v) -> vars.add(k + "=" + v));
      String execId = client.execCreateCmd(found.getId()).withTty(true).withAttachStdin(true).withAttachStdout(true)
          .withAttachStderr(true).withEnv(vars).withCmd(SHELL).exec().getId();
      DockerShell shell = new DockerShell(client, execId, output);
      client.execStartCmd(execId).withTty(true).withDetach(false).withStdIn(shell.input).exec(shell.attached);
      return shell;
    } catch (NotFoundException gone) {
      throw new SessionFailure("no kept environment of run " + runId + " on this engine (removed, or on another engine)");
    } catch (SessionFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SessionFailure(parts.errors().describe("opening a shell in the kept environment of run " + runId, e), e);
    }
  }

  private void exited(Output output) {
    if (!exited.compareAndSet(false, true)) {
      return;
    }
    // Not on the stream's thread: the engine client's calls fail there once its stream has ended.
    Thread reader = new Thread(() -> output.exited(exitCode()), "gantry-shell-exit");
    reader.setDaemon(true);
    reader.start();
  }

  /** The exec's exit code, which the engine may record a moment after its output ended; null if it does not in time. */
  private Integer exitCode() {
    long deadline = System.nanoTime() + EXIT_CODE_WAIT.toNanos();
    while (true) {
      try {
        InspectExecResponse exec = client.inspectExecCmd(execId).exec();
        if (!Boolean.TRUE.equals(exec.isRunning()) && exec.getExitCodeLong() != null) {
          return exec.getExitCodeLong().intValue();
        }
      } catch (RuntimeException e) {
        log.debug("could not read the exit code of shell exec {}: {}", execId, e.toString());
        return null;
      }
      if (System.nanoTime() - deadline > 0) {
        return null;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  @Override
  public void write(byte[] typed) {
    if (exited.get()) {
      throw new SessionFailure("the shell has exited");
    }
    if (!input.add(typed)) {
      throw new ShellInputOverflow("more than " + TypedInput.MAX_UNREAD_BYTES / 1024
          + " KiB typed that the shell has not read");
    }
  }

  @Override
  public void resize(int columns, int rows) {
    try {
      client.resizeExecCmd(execId).withSize(rows, columns).exec();
    } catch (RuntimeException e) {
      log.debug("could not resize shell exec {}: {}", execId, e.toString());
    }
  }

  /**
   * Ends the shell's input: types Ctrl-D (end of input at a terminal's empty line, on which a shell
   * exits), then closes stdin. A shell still running after that goes with its container.
   */
  @Override
  public void close() {
    input.add(END_OF_INPUT);
    input.end();
    try {
      attached.close();
    } catch (IOException e) {
      log.debug("closing shell exec {}: {}", execId, e.toString());
    }
  }
}
