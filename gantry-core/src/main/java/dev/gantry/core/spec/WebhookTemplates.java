package dev.gantry.core.spec;

import dev.gantry.core.expr.ExpressionException;
import dev.gantry.core.expr.ExpressionLanguage;
import dev.gantry.core.expr.Template;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A webhook's templates (its {@code if} and header values): checked at submit, evaluated when
 * the event happens, against {@code job} (and {@code task} for a task event), {@code inputs} and
 * {@code secrets} (as Tork's header values read them: {@code Authorization: Bearer {{secrets.token}}}).
 */
public final class WebhookTemplates {

  private static final ExpressionLanguage LANGUAGE = ExpressionLanguage.standard();
  /** The name under which templates read the job's secrets. */
  public static final String SECRETS = "secrets";
  private static final Set<String> JOB_NAMES = Set.of("job", "inputs", SECRETS);
  private static final Set<String> TASK_NAMES = Set.of("job", "task", "inputs", SECRETS);

  private WebhookTemplates() {}

  /** Parses each template of {@code webhook} (at {@code at}, e.g. {@code webhooks[0]}); refuses one that does not parse or reads an unknown name. */
  static void check(Webhook webhook, String at) {
    Set<String> names = webhook.aboutTasks() ? TASK_NAMES : JOB_NAMES;
    if (webhook.condition() != null) {
      parse(at + ".if", webhook.condition(), names);
    }
    webhook.headers().forEach((name, value) -> parse(at + ".headers." + name, value, names));
  }

  /** Whether the webhook is called for the event whose context is {@code context}: its {@code if} does not render false. */
  public static boolean passes(Webhook webhook, Map<String, Object> context) {
    return webhook.condition() == null || !render("if", webhook.condition(), context).strip().equals("false");
  }

  /** The webhook's headers with their templates evaluated against {@code context}. */
  public static Map<String, String> headers(Webhook webhook, Map<String, Object> context) {
    Map<String, String> headers = new LinkedHashMap<>();
    webhook.headers().forEach((name, value) -> headers.put(name, render("headers." + name, value, context)));
    return headers;
  }

  /** The names of the webhook's headers whose templates read {@code secrets}: their values are secret. */
  public static Set<String> secretHeaders(Webhook webhook) {
    Set<String> secret = new java.util.LinkedHashSet<>();
    webhook.headers().forEach((name, value) -> {
      if (value.contains("{{") && readsSecrets(value)) {
        secret.add(name);
      }
    });
    return secret;
  }

  private static boolean readsSecrets(String text) {
    try {
      return LANGUAGE.parse(text).names().contains(SECRETS);
    } catch (ExpressionException e) {
      // Checked at submit; should it fail now, its call fails when rendered. Keep it sealed meanwhile.
      return true;
    }
  }

  private static void parse(String at, String text, Set<String> names) {
    if (!text.contains("{{")) {
      return;
    }
    Template template;
    try {
      template = LANGUAGE.parse(text);
    } catch (ExpressionException e) {
      throw new InvalidJobException(at, e.getMessage());
    }
    for (String name : template.names()) {
      if (!names.contains(name)) {
        throw new InvalidJobException(at, "unknown name " + name + " in " + text.strip() + " (a webhook's templates read "
            + String.join(", ", names.stream().sorted().toList()) + ")");
      }
    }
  }

  /** @throws InvalidJobException naming the template that failed */
  private static String render(String at, String text, Map<String, Object> context) {
    if (!text.contains("{{")) {
      return text;
    }
    try {
      return LANGUAGE.parse(text).render(context);
    } catch (ExpressionException e) {
      throw new InvalidJobException(at, e.getMessage());
    }
  }
}
