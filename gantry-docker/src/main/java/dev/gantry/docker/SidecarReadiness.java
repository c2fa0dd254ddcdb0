package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.gantry.core.spec.Durations;
import dev.gantry.core.spec.Sidecar;
import dev.gantry.core.spec.SidecarProbe;
import dev.gantry.core.spi.Cancellation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a started sidecar to answer its {@link SidecarProbe}, as Tork's probe does: GET its
 * path until 200. The request goes to the sidecar's address on the run's network, so nothing is
 * published on the host; this needs the worker on the Docker engine's machine (a remote engine's
 * container addresses are not reachable: such a probe times out, saying where it asked).
 */
final class SidecarReadiness {

  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration BETWEEN_ATTEMPTS = Duration.ofMillis(250);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(ATTEMPT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private SidecarReadiness() {}

  /**
   * Returns once the sidecar answered 200, or when {@code cancellation} fires (the caller checks).
   *
   * @throws StartFailure when the sidecar stops, or the probe's timeout passes first
   */
  static void await(DockerClient client, String containerId, String network, Sidecar sidecar, Cancellation cancellation)
      throws InterruptedException {
    SidecarProbe probe = sidecar.probe();
    CountDownLatch cancelled = new CountDownLatch(1);
    cancellation.onCancel(cancelled::countDown);
    long deadline = System.nanoTime() + probe.timeout().toNanos();
    URI uri = null;
    String last = "no answer yet";
    while (!cancellation.isCancelled()) {
      InspectContainerResponse container = client.inspectContainerCmd(containerId).exec();
      if (!Boolean.TRUE.equals(container.getState().getRunning())) {
        throw new StartFailure("sidecar '" + sidecar.name() + "' stopped (exit code " + container.getState().getExitCodeLong()
            + ") before it answered its probe");
      }
      if (uri == null) {
        ContainerNetwork on = container.getNetworkSettings().getNetworks().get(network);
        if (on != null && on.getIpAddress() != null && !on.getIpAddress().isEmpty()) {
          uri = URI.create("http://" + on.getIpAddress() + ":" + probe.port() + probe.path());
        }
      }
      if (uri != null) {
        last = attempt(uri);
        if (last == null) {
          return;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new StartFailure("sidecar '" + sidecar.name() + "' did not answer its probe " + (uri == null ? "" : uri + " ")
            + "with 200 within " + Durations.format(probe.timeout()) + " (" + last + ")");
      }
      cancelled.await(Math.min(left, BETWEEN_ATTEMPTS.toNanos()), TimeUnit.NANOSECONDS);
    }
  }

  /** Null when the sidecar answered 200; else what it did. */
  private static String attempt(URI uri) throws InterruptedException {
    try {
      int status = HTTP.send(HttpRequest.newBuilder(uri).timeout(ATTEMPT_TIMEOUT).GET().build(), BodyHandlers.discarding())
          .statusCode();
      return status == 200 ? null : "last answer: status " + status;
    } catch (IOException e) {
      return "last attempt: " + (e.getMessage() == null ? e.getClass().getSimpleName() : EngineErrors.oneLine(e.getMessage()));
    }
  }
}
