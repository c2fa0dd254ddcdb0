package dev.gantry.server.sourcehut;

import static dev.gantry.server.sourcehut.ManifestReader.bad;
import static dev.gantry.server.sourcehut.ManifestReader.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.core.spec.Echo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code triggers} of a manifest or of a job group, with builds.sr.ht's rules: each is
 * {@code {action, condition, ...}}, {@code condition} one of always, success, failure; an
 * {@code email} trigger needs {@code to} or {@code cc} (address lists) and may have
 * {@code in_reply_to} (a message id); a {@code webhook} trigger needs an http(s) {@code url}.
 * Keys an action does not know are refused, so that a typo is not silently ignored.
 */
final class TriggerReader {

  private static final Set<String> CONDITIONS = Set.of("always", "success", "failure");
  private static final Set<String> EMAIL_KEYS = Set.of("action", "condition", "to", "cc", "in_reply_to");
  private static final Set<String> WEBHOOK_KEYS = Set.of("action", "condition", "url");
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,990}>");
  private static final int MAX_URL = 4000;

  private TriggerReader() {}

  /** The triggers at {@code node} (missing or null: none); {@code at} names it in messages. */
  static List<Manifest.Trigger> read(JsonNode node, String at) {
    List<Manifest.Trigger> triggers = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return triggers;
    }
    if (!node.isArray()) {
      throw bad(at, "must be a list of {action, condition, ...}");
    }
    ManifestReader.atMost(at, node.size());
    for (int i = 0; i < node.size(); i++) {
      triggers.add(trigger(node.get(i), at + "[" + i + "]"));
    }
    return triggers;
  }

  private static Manifest.Trigger trigger(JsonNode trigger, String at) {
    if (!trigger.isObject()) {
      throw bad(at, "must be a map {action, condition, ...}");
    }
    String action = text(trigger, "action", at);
    String condition = text(trigger, "condition", at);
    if (condition == null || !CONDITIONS.contains(condition)) {
      throw bad(at + ".condition", "must be always, success or failure");
    }
    if ("email".equals(action)) {
      known(trigger, at, EMAIL_KEYS, "to, cc, in_reply_to");
      String to = text(trigger, "to", at);
      String cc = text(trigger, "cc", at);
      if (to == null && cc == null) {
        throw bad(at, "an email trigger needs 'to' or 'cc'");
      }
      String inReplyTo = text(trigger, "in_reply_to", at);
      if (inReplyTo != null && !MESSAGE_ID.matcher(inReplyTo).matches()) {
        throw bad(at + ".in_reply_to", "must be a message id such as <1234@example.org>");
      }
      EmailAddresses.parse(at + ".to", to);
      EmailAddresses.parse(at + ".cc", cc);
      return new Manifest.Trigger(action, condition, to, cc, null, inReplyTo);
    }
    if ("webhook".equals(action)) {
      known(trigger, at, WEBHOOK_KEYS, "url");
      String url = text(trigger, "url", at);
      if (url == null || !url.matches("https?://[^\\s]+") || url.length() > MAX_URL) {
        throw bad(at + ".url", "a webhook trigger needs an http or https 'url' (at most " + MAX_URL + " characters)");
      }
      return new Manifest.Trigger(action, condition, null, null, url, null);
    }
    throw bad(at + ".action", "must be email or webhook, not '" + Echo.of(String.valueOf(action)) + "'");
  }

  private static void known(JsonNode trigger, String at, Set<String> keys, String shown) {
    for (Iterator<String> names = trigger.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!keys.contains(name)) {
        throw bad(at + "." + Echo.of(name), "unknown key (known: action, condition, " + shown + ")");
      }
    }
  }
}
