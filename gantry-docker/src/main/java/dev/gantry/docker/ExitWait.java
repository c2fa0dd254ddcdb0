package dev.gantry.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.WaitResponse;

/** Waits for a container's exit code, without docker-java's stack-trace logging of a broken stream. */
final class ExitWait extends ResultCallback.Adapter<WaitResponse> {

  private volatile Integer statusCode;
  private volatile Throwable error;

  @Override
  public void onNext(WaitResponse response) {
    statusCode = response.getStatusCode();
  }

  @Override
  public void onError(Throwable throwable) {
    error = throwable;
    try {
      close();
    } catch (Exception ignored) {
      // already failing
    }
  }

  /** Blocks until the container has stopped. */
  int exitCode() throws InterruptedException {
    awaitCompletion();
    if (error != null) {
      throw new IllegalStateException(EngineErrors.reason(error), error);
    }
    if (statusCode == null) {
      throw new IllegalStateException("the engine ended the wait without an exit code");
    }
    return statusCode;
  }
}
