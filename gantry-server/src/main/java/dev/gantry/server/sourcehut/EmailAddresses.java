package dev.gantry.server.sourcehut;

import dev.gantry.core.spec.Echo;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An email trigger's {@code to} or {@code cc}: addresses separated by commas, each
 * {@code user@host} or {@code Name <user@host>}. Nothing that could end a mail header or an SMTP
 * command passes (line breaks, quotes, angle brackets in a name).
 */
final class EmailAddresses {

  static final int MAX_ADDRESSES = 32;
  static final int MAX_CHARS = 1000;
  private static final String ADDRESS = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?";
  private static final Pattern ITEM = Pattern.compile("\\s*(?:([^<>\",;:\\\\@\\r\\n]*?)\\s*<(" + ADDRESS + ")>|(" + ADDRESS + "))\\s*");

  private EmailAddresses() {}

  /** The bare addresses of {@code list} (null: none); refused naming {@code at}. */
  static List<String> parse(String at, String list) {
    List<String> addresses = new ArrayList<>();
    if (list == null) {
      return addresses;
    }
    if (list.length() > MAX_CHARS) {
      throw ManifestReader.bad(at, "at most " + MAX_CHARS + " characters");
    }
    for (String item : list.split(",", -1)) {
      Matcher m = ITEM.matcher(item);
      if (!m.matches()) {
        throw ManifestReader.bad(at, "'" + Echo.of(item.strip()) + "' is not an email address (user@host or Name <user@host>)");
      }
      addresses.add(m.group(2) != null ? m.group(2) : m.group(3));
    }
    if (addresses.size() > MAX_ADDRESSES) {
      throw ManifestReader.bad(at, "at most " + MAX_ADDRESSES + " addresses, not " + addresses.size());
    }
    return addresses;
  }

  /** {@code list} as a header's value: its items, trimmed, joined by ", ". */
  static String header(String list) {
    List<String> items = new ArrayList<>();
    for (String item : list.split(",")) {
      items.add(item.strip());
    }
    return String.join(", ", items);
  }
}
