package dev.gantry.server.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The SMTP server Gantry sends email through ({@code --smtp-url smtp://host[:port]}, port 25 by
 * default) and the sender address of its messages ({@code --smtp-from}). Plain SMTP without
 * authentication: a relay the operator runs for this machine (a local MTA), not a mailbox provider.
 */
public record SmtpSettings(String host, int port, String from) {

  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9.-]{1,253}");

  public SmtpSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("--smtp-url needs a host, e.g. smtp://127.0.0.1:25");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--smtp-url: the port must be 1 to 65535, not " + port);
    }
    if (from == null || !ADDRESS.matcher(from).matches()) {
      throw new IllegalArgumentException("--smtp-from must be an email address such as builds@example.org, not '"
          + from + "'");
    }
  }

  /** The settings of {@code url} ({@code smtp://host[:port]}) and {@code from}; null when {@code url} is null or blank. */
  public static SmtpSettings parse(String url, String from) {
    if (url == null || url.isBlank()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--smtp-url is not a URL: " + e.getMessage());
    }
    if (!"smtp".equals(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null
        || (uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null) {
      throw new IllegalArgumentException("--smtp-url must be smtp://host[:port] (plain SMTP, no user or path), not '"
          + url + "'");
    }
    return new SmtpSettings(uri.getHost(), uri.getPort() == -1 ? 25 : uri.getPort(), from == null ? null : from.strip());
  }
}
