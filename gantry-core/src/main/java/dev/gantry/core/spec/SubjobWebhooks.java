package dev.gantry.core.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sub-job's {@code webhooks} as its task keeps them (Tork's fields as written, so that the
 * parent's spec shows them as submitted) and as the sub-job calls them: with their URL evaluated
 * against the parent's templates when the sub-job starts. Headers and {@code if} are evaluated at
 * each event, against the sub-job, as a job's own webhooks are.
 */
public final class SubjobWebhooks {

  private SubjobWebhooks() {}

  /** {@code webhook} in the form a sub-job task keeps it: {@code url}, {@code headers}, {@code event}, {@code if}. */
  static Map<String, Object> written(Webhook webhook) {
    Map<String, Object> kept = new LinkedHashMap<>();
    kept.put("url", webhook.url());
    kept.put("headers", webhook.headers());
    kept.put("event", webhook.event());
    if (webhook.condition() != null) {
      kept.put("if", webhook.condition());
    }
    return kept;
  }

  /** The kept form read back. */
  @SuppressWarnings("unchecked")
  static Webhook of(Map<String, Object> kept) {
    Object headers = kept.get("headers");
    return new Webhook(String.valueOf(kept.get("url")), headers instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of(),
        (String) kept.get("event"), (String) kept.get("if"));
  }

  /** The sub-job's webhooks with their URLs evaluated by {@code url} (a template of the parent, at its field). */
  static List<Webhook> evaluated(List<Map<String, Object>> kept, String at, UrlTemplate url) {
    List<Webhook> webhooks = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      Webhook webhook = of(kept.get(i));
      String field = at + ".webhooks[" + i + "].url";
      String evaluated = url.render(field, webhook.url());
      String problem = WebhookReader.urlProblem(evaluated);
      if (problem != null) {
        throw new InvalidJobException(field, problem + " (it is '" + Echo.of(evaluated) + "')");
      }
      webhooks.add(new Webhook(evaluated, webhook.headers(), webhook.event(), webhook.condition()));
    }
    return List.copyOf(webhooks);
  }

  /** Evaluates a URL template of the parent at a field. */
  @FunctionalInterface
  interface UrlTemplate {
    String render(String field, String text);
  }
}
