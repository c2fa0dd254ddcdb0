package dev.gantry.core.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for the headers an outgoing call carries: a name is an HTTP token, a value has no line
 * break or other control character (so no header can end the request's head early), and the
 * headers Gantry sets itself are not a job's to set.
 */
public final class OutgoingHeaders {

  public static final int MAX_VALUE = 8 * 1024;
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");

  private OutgoingHeaders() {}

  /** Why a job may not send header {@code name} (value unknown yet: a template), or null when it may. */
  public static String nameRefusal(String name) {
    if (name == null || !TOKEN.matcher(name).matches()) {
      return "header name '" + name + "' is not an HTTP token (letters, digits and !#$%&'*+.^_`|~-)";
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("x-gantry-") || lower.equals("host") || lower.equals("content-length")
        || lower.equals("connection") || lower.equals("transfer-encoding") || lower.equals("content-type")) {
      return "header " + name + " is set by Gantry itself";
    }
    return null;
  }

  /** Why {@code name: value} cannot be written into a request's head as it is, or null: the check made before any byte is sent. */
  public static String framingRefusal(String name, String value) {
    if (name == null || !TOKEN.matcher(name).matches()) {
      return "header name '" + name + "' is not an HTTP token";
    }
    if (value == null || value.length() > MAX_VALUE) {
      return "header " + name + " must have a value of at most " + MAX_VALUE + " characters";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return "header " + name + " has a control character (a line break?) in its value";
      }
    }
    return null;
  }
}
