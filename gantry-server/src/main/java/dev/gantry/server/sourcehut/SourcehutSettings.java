package dev.gantry.server.sourcehut;

import dev.gantry.core.spec.SessionPlan;
import dev.gantry.server.outbound.SmtpSettings;
import java.net.URI;
import java.time.Duration;

/**
 * How the builds.sr.ht dialect runs manifests: {@code publicUrl} (null: the address a request came
 * to) is where its log and artifact URLs point; {@code buildTimeout} ends a job as {@code timeout};
 * {@code images} maps manifest images to container images; {@code smtp} (null: none) sends email triggers;
 * {@code shellKeep} (null or zero: never; the command line's default is {@link #DEFAULT_SHELL_KEEP}) is how
 * long a failed build's environment, or any with {@code shell: true}, stays for {@code gantry shell}.
 */
public record SourcehutSettings(URI publicUrl, Duration buildTimeout, SourcehutImages images, SmtpSettings smtp,
    Duration shellKeep) {

  public static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofMinutes(45);
  /** The command line's default, builds.sr.ht's: a failed build's VM stays ten minutes for SSH. */
  public static final Duration DEFAULT_SHELL_KEEP = Duration.ofMinutes(10);
  /** A kept environment holds a container (and its memory) on the engine: at most this long. */
  public static final Duration MAX_SHELL_KEEP = Duration.ofHours(2);

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
    shellKeep = shellKeep == null ? Duration.ZERO : shellKeep;
    if (shellKeep.isNegative() || shellKeep.compareTo(MAX_SHELL_KEEP) > 0) {
      throw new IllegalArgumentException("--shell-keep must be between 0 (keep none) and 2h, e.g. 10m");
    }
  }

  public SourcehutSettings(URI publicUrl, Duration buildTimeout, SourcehutImages images, SmtpSettings smtp) {
    this(publicUrl, buildTimeout, images, smtp, null);
  }

  /** Without SMTP: email triggers are refused at submit. */
  public SourcehutSettings(URI publicUrl, Duration buildTimeout, SourcehutImages images) {
    this(publicUrl, buildTimeout, images, null);
  }

  /** These settings sending email through {@code newSmtp}. */
  public SourcehutSettings withSmtp(SmtpSettings newSmtp) {
    return new SourcehutSettings(publicUrl, buildTimeout, images, newSmtp, shellKeep);
  }

  /** These settings keeping build environments for {@code keep} (zero: none). */
  public SourcehutSettings withShellKeep(Duration keep) {
    return new SourcehutSettings(publicUrl, buildTimeout, images, smtp, keep);
  }

  /** How a build with ({@code shell}) or without {@code shell: true} keeps its environment; null: never. */
  SessionPlan.Keep keep(boolean shell) {
    return shellKeep.isZero() ? null : new SessionPlan.Keep(shellKeep, shell);
  }

  public static SourcehutSettings defaults() {
    return new SourcehutSettings(null, DEFAULT_BUILD_TIMEOUT, SourcehutImages.defaults());
  }
}
