package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.gantry.core.spec.Durations;
import dev.gantry.core.spec.RegistryAuth;
import dev.gantry.core.spi.Cancellation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Makes a task's image present on the engine, by the pull policy, and knows whose user it runs as. */
final class ImageSource {

  /**
   * How long an image's user is taken as known. A tag can move to another image outside Gantry
   * (a pull on the host); a wrong "root" makes {@link ScriptBoot}'s prelude fail with a clear line.
   */
  private static final long USER_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final DockerClient client;
  private final PullPolicy policy;
  private final Duration pullTimeout;
  private final Map<String, UserCheck> users = new ConcurrentHashMap<>();

  private record UserCheck(boolean root, long checkedAt) {}

  ImageSource(DockerClient client, PullPolicy policy, Duration pullTimeout) {
    this.client = client;
    this.policy = policy;
    this.pullTimeout = pullTimeout;
  }

  /** True when every run pulls its image before creating the container (ALWAYS). */
  boolean pullsFirst() {
    return policy == PullPolicy.ALWAYS;
  }

  /**
   * Returns once the image is present, or when {@code cancellation} fires during a pull (the
   * caller checks it).
   *
   * @throws StartFailure when the image is missing and the policy or the registry says no
   */
  void ensure(String image, RegistryAuth registry, Cancellation cancellation) throws InterruptedException {
    boolean present = policy != PullPolicy.ALWAYS && isPresent(image);
    if (present) {
      return;
    }
    if (policy == PullPolicy.NEVER) {
      throw new StartFailure("image '" + image + "' is not present and the pull policy is NEVER");
    }
    String failed = policy == PullPolicy.ALWAYS ? "image '" + image + "' could not be pulled: "
        : "image '" + image + "' is not present and could not be pulled: ";
    String problem = pull(image, registry, cancellation);
    users.remove(image);
    if (cancellation.isCancelled()) {
      return;
    }
    if (problem != null) {
      throw new StartFailure(failed + EngineErrors.oneLine(problem));
    }
    if (!isPresent(image)) {
      throw new StartFailure(failed + "the registry sent no image");
    }
  }

  /**
   * True when the image is present and runs as root (no USER, or USER root / 0), so a container
   * may create {@code /gantry}. One inspect per image a minute; false for a missing image.
   */
  boolean runsAsRoot(String image) {
    UserCheck known = users.get(image);
    if (known == null || System.nanoTime() - known.checkedAt() > USER_TTL_NANOS) {
      return isRoot(userOf(image));
    }
    return known.root();
  }

  /**
   * The image's configured user ("" when none), or null when the image is missing. Every inspect
   * also refreshes what {@link #runsAsRoot} knows, so a presence check after a pull serves it too.
   */
  private String userOf(String image) {
    String user;
    try {
      ContainerConfig config = client.inspectImageCmd(image).exec().getConfig();
      user = config == null || config.getUser() == null ? "" : config.getUser();
    } catch (NotFoundException e) {
      user = null;
    }
    users.put(image, new UserCheck(isRoot(user), System.nanoTime()));
    return user;
  }

  static boolean isRoot(String user) {
    if (user == null) {
      return false;
    }
    String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    return name.isEmpty() || name.equals("root") || name.equals("0");
  }

  boolean isPresent(String image) {
    return userOf(image) != null;
  }

  /** Pulls the image, with {@code registry}'s credentials when given; returns why it failed, or null. */
  private String pull(String image, RegistryAuth registry, Cancellation cancellation) throws InterruptedException {
    Reference ref = Reference.parse(image);
    PullProgress progress = new PullProgress();
    try {
      PullImageCmd pull = client.pullImageCmd(ref.repository()).withTag(ref.tag());
      if (registry != null) {
        pull.withAuthConfig(new AuthConfig().withUsername(registry.username()).withPassword(registry.password())
            .withRegistryAddress(ref.registry()));
      }
      pull.exec(progress);
    } catch (RuntimeException e) {
      return EngineErrors.reason(e);
    }
    // A pull can take minutes; a cancel must not wait for it.
    cancellation.onCancel(progress::stop);
    if (!progress.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
      progress.stop();
      return "no answer from the registry after " + Durations.format(pullTimeout);
    }
    return progress.error;
  }

  /** An image name split for the pull API, which pulls every tag when none is given. */
  record Reference(String repository, String tag) {

    static Reference parse(String image) {
      int at = image.indexOf('@');
      if (at >= 0) {
        return new Reference(image.substring(0, at), image.substring(at + 1));
      }
      int colon = image.lastIndexOf(':');
      if (colon > image.lastIndexOf('/')) {
        return new Reference(image.substring(0, colon), image.substring(colon + 1));
      }
      return new Reference(image, "latest");
    }

    /** The registry's host (and port) the repository names, or Docker Hub's address when it names none. */
    String registry() {
      int slash = repository.indexOf('/');
      String first = slash < 0 ? "" : repository.substring(0, slash);
      boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
      return host ? first : "https://index.docker.io/v1/";
    }
  }

  /** Collects the pull's first error without docker-java's stack-trace logging. */
  private static final class PullProgress extends ResultCallback.Adapter<PullResponseItem> {

    private volatile String error;

    @Override
    public void onNext(PullResponseItem item) {
      if (error == null && item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
        error = item.getErrorDetail().getMessage();
      } else if (error == null && item.getError() != null) {
        error = item.getError();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      if (error == null) {
        error = EngineErrors.reason(throwable);
      }
      stop();
    }

    void stop() {
      try {
        close();
      } catch (Exception ignored) {
        // the stream is being abandoned anyway
      }
    }
  }
}
