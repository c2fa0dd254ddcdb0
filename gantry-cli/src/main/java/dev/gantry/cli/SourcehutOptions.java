package dev.gantry.cli;

import dev.gantry.core.spec.Durations;
import dev.gantry.server.outbound.SmtpSettings;
import dev.gantry.server.sourcehut.SourcehutImages;
import dev.gantry.server.sourcehut.SourcehutSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The builds.sr.ht dialect's options: {@code standalone} and {@code server}. */
final class SourcehutOptions {

  @Option(names = "--public-url", defaultValue = "${env:GANTRY_PUBLIC_URL}", paramLabel = "URL",
      description = "the URL clients reach this server at (env GANTRY_PUBLIC_URL): the base of the log and artifact"
          + " URLs in sourcehut answers; default: the address each request came to")
  String publicUrl;

  @Option(names = "--build-timeout", defaultValue = "${env:GANTRY_BUILD_TIMEOUT:-45m}",
      description = "how long a sourcehut build may run before it ends as timeout (env GANTRY_BUILD_TIMEOUT; default ${DEFAULT-VALUE})")
  String buildTimeout;

  @Option(names = "--sourcehut-images", defaultValue = "${env:GANTRY_SOURCEHUT_IMAGES}", paramLabel = "FILE",
      description = "more sourcehut manifest images (env GANTRY_SOURCEHUT_IMAGES): a line each,"
          + " '<name> <container image> <apk|apt|dnf|pacman|none>'")
  Path images;

  @Option(names = "--smtp-url", defaultValue = "${env:GANTRY_SMTP_URL}", paramLabel = "smtp://HOST[:PORT]",
      description = "the SMTP server (plain SMTP, no authentication: a relay for this machine) that sends builds.sr.ht"
          + " email triggers (env GANTRY_SMTP_URL; without one, a manifest with an email trigger is refused)")
  String smtpUrl;

  @Option(names = "--smtp-from", defaultValue = "${env:GANTRY_SMTP_FROM:-gantry@localhost}", paramLabel = "ADDRESS",
      description = "the sender address of those emails (env GANTRY_SMTP_FROM; default ${DEFAULT-VALUE})")
  String smtpFrom;

  @Option(names = "--shell-keep", defaultValue = "${env:GANTRY_SHELL_KEEP:-10m}", paramLabel = "DURATION",
      description = "how long a failed build's environment (or any with shell: true) stays after the build, for"
          + " gantry shell JOB (env GANTRY_SHELL_KEEP; at most 2h; 0 keeps none; default ${DEFAULT-VALUE})")
  String shellKeep;

  SourcehutSettings settings() {
    URI url = null;
    if (publicUrl != null && !publicUrl.isBlank()) {
      try {
        url = new URI(publicUrl.strip());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("--public-url is not a URL: " + e.getMessage());
      }
    }
    return new SourcehutSettings(url, Durations.parse(buildTimeout),
        images == null ? SourcehutImages.defaults() : SourcehutImages.withFile(images), SmtpSettings.parse(smtpUrl, smtpFrom),
        keep(shellKeep));
  }

  private static java.time.Duration keep(String text) {
    if (text.strip().equals("0")) {
      return java.time.Duration.ZERO;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--shell-keep must be a duration such as 10m, or 0 to keep none, not '" + text + "'");
    }
  }
}
