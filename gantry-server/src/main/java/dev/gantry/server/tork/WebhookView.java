package dev.gantry.server.tork;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gantry.core.spec.Secrets;
import dev.gantry.core.spec.Webhook;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job's webhook as {@code GET /jobs/{id}} shows it (Tork's {@code {url, headers, event, if}}).
 * Header values are shown redacted: they are where a receiver's credentials go.
 */
record WebhookView(
    String url,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> headers,
    String event,
    @JsonProperty("if") @JsonInclude(JsonInclude.Include.NON_NULL) String condition) {

  static WebhookView of(Webhook webhook) {
    Map<String, String> headers = new TreeMap<>();
    webhook.headers().keySet().forEach(name -> headers.put(name, Secrets.REDACTED));
    return new WebhookView(webhook.url(), headers, webhook.event(), webhook.condition());
  }
}
