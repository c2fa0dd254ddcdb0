package dev.gantry.server.sourcehut;

import java.net.URI;
import java.time.Duration;

/**
 * How the builds.sr.ht dialect runs manifests: {@code publicUrl} (null: the address a request came
 * to) is where its log and artifact URLs point; {@code buildTimeout} ends a job as {@code timeout};
 * {@code images} maps manifest images to container images.
 */
public record SourcehutSettings(URI publicUrl, Duration buildTimeout, SourcehutImages images) {

  public static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofMinutes(45);

  public SourcehutSettings {
    if (buildTimeout == null || buildTimeout.isZero() || buildTimeout.isNegative()) {
      throw new IllegalArgumentException("--build-timeout must be positive, e.g. 45m");
    }
    if (publicUrl != null && (publicUrl.getScheme() == null || !publicUrl.getScheme().matches("https?")
        || publicUrl.getHost() == null)) {
      throw new IllegalArgumentException("--public-url must be an http or https URL, e.g. https://ci.example.org, not '"
          + publicUrl + "'");
    }
    images = images == null ? SourcehutImages.defaults() : images;
  }

  public static SourcehutSettings defaults() {
    return new SourcehutSettings(null, DEFAULT_BUILD_TIMEOUT, SourcehutImages.defaults());
  }
}
