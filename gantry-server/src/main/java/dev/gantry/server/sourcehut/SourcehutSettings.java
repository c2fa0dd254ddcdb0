package dev.gantry.server.sourcehut;

import dev.gantry.server.outbound.SmtpSettings;
import java.net.URI;
import java.time.Duration;

/**
 * How the builds.sr.ht dialect runs manifests: {@code publicUrl} (null: the address a request came
 * to) is where its log and artifact URLs point; {@code buildTimeout} ends a job as {@code timeout};
 * {@code images} maps manifest images to container images; {@code smtp} (null: none) sends email triggers.
 */
public record SourcehutSettings(URI publicUrl, Duration buildTimeout, SourcehutImages images, SmtpSettings smtp) {

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

  /** Without SMTP: email triggers are refused at submit. */
  public SourcehutSettings(URI publicUrl, Duration buildTimeout, SourcehutImages images) {
    this(publicUrl, buildTimeout, images, null);
  }

  /** These settings sending email through {@code newSmtp}. */
  public SourcehutSettings withSmtp(SmtpSettings newSmtp) {
    return new SourcehutSettings(publicUrl, buildTimeout, images, newSmtp);
  }

  public static SourcehutSettings defaults() {
    return new SourcehutSettings(null, DEFAULT_BUILD_TIMEOUT, SourcehutImages.defaults());
  }
}
