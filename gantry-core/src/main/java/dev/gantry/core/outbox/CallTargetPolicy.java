package dev.gantry.core.outbox;

import dev.gantry.core.spec.EndTrigger;
import dev.gantry.core.spec.InvalidJobException;
import dev.gantry.core.spec.JobSpec;
import dev.gantry.core.spec.TaskSpec;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which addresses Gantry's outgoing calls (callbacks, webhooks) may reach. Unless the operator
 * allows them ({@code --allow-private-callbacks}), a call may not go to this machine or the
 * networks behind it: loopback, link-local (cloud metadata at 169.254.169.254 among them),
 * private, unique-local, unspecified, multicast and broadcast addresses, nor to those forms
 * embedded in IPv6 (IPv4-mapped, -compatible, 6to4, NAT64). The rule is checked on the address a
 * connection is actually made to ({@link #refusal(InetAddress)}), and at submit on a URL whose
 * host is written as such an address ({@link #check(JobSpec)}), so that the mistake shows early.
 */
public record CallTargetPolicy(boolean allowPrivate) {

  /** Only public addresses: the default. */
  public static final CallTargetPolicy PUBLIC_ONLY = new CallTargetPolicy(false);
  public static final String HOW_TO_ALLOW = " (the operator can allow it with --allow-private-callbacks)";

  private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  /** Hosts a resolver may read as an IPv4 address in a short, decimal-integer, octal or hex form ({@code 127.1}, {@code 2130706433}). */
  private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+|(0x[0-9a-f]+\\.?)+|[0-9a-fx.]*0x[0-9a-fx.]*");

  /** Why a call to {@code address} is refused, or null when it may be made. */
  public String refusal(InetAddress address) {
    if (allowPrivate) {
      return null;
    }
    String kind = internalKind(address);
    return kind == null ? null : address.getHostAddress() + " is " + kind + HOW_TO_ALLOW;
  }

  /** Returns {@code spec} when its callback, webhook and trigger URLs may be called under this policy; else throws naming the field. */
  public JobSpec check(JobSpec spec) {
    String refusal = refusalOfUrl(spec.callbackUrl());
    if (refusal != null) {
      throw new InvalidJobException("callback_url", refusal);
    }
    for (int i = 0; i < spec.webhooks().size(); i++) {
      refusal = refusalOfUrl(spec.webhooks().get(i).url());
      if (refusal != null) {
        throw new InvalidJobException("webhooks[" + i + "].url", refusal);
      }
    }
    checkSubjobs(spec.tasks(), "tasks");
    check(spec.triggers(), "triggers");
    return spec;
  }

  /** A sub-job's webhooks written as internal addresses are refused at submit too (a template is checked when called). */
  private void checkSubjobs(List<TaskSpec> tasks, String at) {
    for (int i = 0; i < tasks.size(); i++) {
      checkSubjobs(tasks.get(i), at + "[" + i + "]");
    }
  }

  private void checkSubjobs(TaskSpec task, String field) {
    if (task.parallel() != null) {
      checkSubjobs(task.parallel().tasks(), field + ".parallel.tasks");
    }
    if (task.each() != null) {
      checkSubjobs(task.each().task(), field + ".each.task");
    }
    if (task.subjob() != null) {
      List<Map<String, Object>> hooks = task.subjob().webhooks();
      for (int h = 0; h < hooks.size(); h++) {
        String url = String.valueOf(hooks.get(h).get("url"));
        String refusal = url.contains("{{") ? null : refusalOfUrl(url);
        if (refusal != null) {
          throw new InvalidJobException(field + ".subjob.webhooks[" + h + "].url", refusal);
        }
      }
      checkSubjobs(task.subjob().tasks(), field + ".subjob.tasks");
    }
  }

  /** Throws naming {@code field}{@code [i].url} when an http trigger of {@code triggers} may not be called under this policy. */
  public void check(List<EndTrigger> triggers, String field) {
    for (int i = 0; i < triggers.size(); i++) {
      String refusal = triggers.get(i).isHttp() ? refusalOfUrl(triggers.get(i).target()) : null;
      if (refusal != null) {
        throw new InvalidJobException(field + "[" + i + "].url", refusal);
      }
    }
  }

  /**
   * Why a call to {@code url} is refused judging by its text alone (its host is a literal internal
   * address or {@code localhost}), or null. Host names are not resolved here: they are checked on
   * the address a call connects to.
   */
  public String refusalOfUrl(String url) {
    if (allowPrivate || url == null) {
      return null;
    }
    String host;
    try {
      host = new URI(url).getHost();
    } catch (URISyntaxException e) {
      return null; // the dialect's reader says what is wrong with the URL
    }
    if (host == null) {
      return null;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost") || lower.endsWith(".localhost") || lower.equals("localhost.")) {
      return "'" + host + "' is this machine" + HOW_TO_ALLOW;
    }
    if (!(lower.startsWith("[") || IPV4_LITERAL.matcher(lower).matches())) {
      return NUMERIC_HOST.matcher(lower).matches()
          ? "'" + host + "' may be read as an IPv4 address in a short or numeric form: write it as a.b.c.d" + HOW_TO_ALLOW : null;
    }
    try {
      // Only literals get here, so no name is looked up.
      return refusal(InetAddress.getByName(lower.startsWith("[") ? lower.substring(1, lower.length() - 1) : lower));
    } catch (UnknownHostException e) {
      return null; // not an address after all (e.g. '1.2.3.4.5'): resolving it fails at delivery
    }
  }

  /** What kind of internal address {@code address} is, or null for a public one. */
  static String internalKind(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return "the unspecified address";
    }
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (address.isMulticastAddress()) {
      return "a multicast address";
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 10 || (first == 172 && second >= 16 && second < 32) || (first == 192 && second == 168)) {
        return "a private address";
      }
      if (first == 0) {
        return "an address of this host's network (0.0.0.0/8)";
      }
      if (first == 100 && second >= 64 && second < 128) {
        return "a shared (carrier-grade NAT) address";
      }
      if (first == 255 && (b[1] & b[2] & b[3] & 0xff) == 0xff) {
        return "the broadcast address";
      }
      return null;
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return "a unique-local address";
      }
      if (address.isSiteLocalAddress()) {
        return "a site-local address";
      }
      InetAddress embedded = embeddedIpv4(b);
      if (embedded != null) {
        String kind = internalKind(embedded);
        return kind == null ? null : "an IPv6 form of " + kind.replaceFirst("^(a|an|the) ", "") + " " + embedded.getHostAddress();
      }
    }
    return null;
  }

  /** The IPv4 address an IPv6 one carries (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, 6to4 2002:ab:cd::, NAT64 64:ff9b::a.b.c.d), or null. */
  private static InetAddress embeddedIpv4(byte[] b) {
    try {
      boolean zeros = true;
      for (int i = 0; i < 12; i++) {
        zeros &= b[i] == 0;
      }
      boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = b[i] == 0;
      }
      if (zeros || mapped) {
        return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
      }
      if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
        return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
      }
      boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
      for (int i = 4; i < 12 && nat64; i++) {
        nat64 = b[i] == 0;
      }
      return nat64 ? InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}) : null;
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are an IPv4 address", e);
    }
  }
}
