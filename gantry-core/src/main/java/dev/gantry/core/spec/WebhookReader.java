package dev.gantry.core.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads Tork's {@code webhooks: [{url, headers, event, if}]} of a job (or a sub-job), strictly. */
public final class WebhookReader {

  static final int MAX_WEBHOOKS = 16;
  static final int MAX_URL = 4096;
  private static final Set<String> FIELDS = Set.of("url", "headers", "event", "if");

  private WebhookReader() {}

  /** The webhooks of {@code job}'s field {@code webhooks}; none when it is absent. */
  public static List<Webhook> read(SpecNode job) {
    return read(job, false);
  }

  /**
   * The webhooks of {@code job}'s field {@code webhooks}; with {@code urlTemplates} (a sub-job's,
   * whose URL its parent's templates may write) a URL holding {@code {{ }}} is checked once
   * evaluated, when the sub-job starts.
   */
  public static List<Webhook> read(SpecNode job, boolean urlTemplates) {
    List<SpecNode> nodes = job.objects("webhooks");
    if (nodes.size() > MAX_WEBHOOKS) {
      throw job.invalid("webhooks", "at most " + MAX_WEBHOOKS + " webhooks, not " + nodes.size());
    }
    List<Webhook> webhooks = new ArrayList<>();
    for (SpecNode node : nodes) {
      node.onlyFields(FIELDS, Set.of());
      String url = node.requiredText("url");
      String problem = urlTemplates && url.contains("{{") ? null : urlProblem(url);
      if (problem != null) {
        throw node.invalid("url", problem);
      }
      String event = node.text("event");
      if (event != null && !event.isBlank() && !Webhook.EVENTS.contains(event)) {
        throw node.invalid("event", "unknown event '" + Echo.of(event) + "': use one of job.StateChange (the default),"
            + " job.Progress, task.StateChange, task.Progress");
      }
      Webhook webhook = new Webhook(url, node.stringMap("headers"), event, node.text("if"));
      for (String name : webhook.headers().keySet()) {
        String refusal = OutgoingHeaders.nameRefusal(name);
        if (refusal != null) {
          throw new InvalidJobException(node.pathOf("headers") + "." + Echo.of(name), refusal);
        }
      }
      WebhookTemplates.check(webhook, node.path());
      webhooks.add(webhook);
    }
    return List.copyOf(webhooks);
  }

  /** What is wrong with a webhook's URL, or null: it must be absolute http(s) with a host. */
  static String urlProblem(String url) {
    if (url.length() > MAX_URL) {
      return "the URL is longer than " + MAX_URL + " characters";
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return !uri.isAbsolute() ? "the URL must be absolute (http://... or https://...)"
          : !(scheme.equals("http") || scheme.equals("https")) ? "the URL's scheme must be http or https"
          : uri.getHost() == null ? "the URL must include a host name or address" : null;
    } catch (URISyntaxException e) {
      return "the URL is not parseable: " + Echo.of(e.getReason());
    }
  }
}
