package dev.gantry.server;

import java.net.URI;

/**
 * A URL as Gantry's logs show it: without its user info ({@code user:password@}) and with its
 * query and fragment cut to {@code ?...}, the parts where clients put credentials and tokens.
 * Scheme, host, port and path stay, which is what an operator needs to tell receivers apart.
 */
public final class LoggableUrl {

  private LoggableUrl() {}

  public static String of(URI url) {
    if (url.isOpaque() && "mailto".equals(url.getScheme())) {
      // An email call's recipients: no credentials there, and what tells the calls apart.
      String to = url.getSchemeSpecificPart();
      return "mailto:" + (to.contains("?") ? to.substring(0, to.indexOf('?')) + "?..." : to);
    }
    StringBuilder shown = new StringBuilder();
    if (url.getScheme() != null) {
      shown.append(url.getScheme()).append("://");
    }
    if (url.getHost() == null) {
      return shown.append("(no host)").toString(); // nothing to show safely: the authority may be all user info
    }
    shown.append(url.getHost());
    if (url.getPort() >= 0) {
      shown.append(':').append(url.getPort());
    }
    if (url.getRawPath() != null) {
      shown.append(url.getRawPath());
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      shown.append("?...");
    }
    return shown.toString();
  }
}
