package dev.gantry.core.expr;

import java.util.Map;
import java.util.Set;

/** A parsed text with templates, evaluated against a context of named values. */
public interface Template {

  /** Whether the text holds no expression: it renders as itself whatever the context. */
  boolean isLiteral();

  /** The top-level names the expressions read ({@code inputs} for {@code inputs.x}). */
  Set<String> names();

  /**
   * The value of the text: a text that is exactly one template keeps its expression's type (a
   * list stays a list); any other is the text with each template replaced by its value.
   *
   * @throws ExpressionException naming the expression that failed, or a limit it ran into
   */
  Object evaluate(Map<String, Object> context);

  /** The text with each template replaced by its value, as Tork writes values ({@code [1 2]}, {@code <nil>}). */
  String render(Map<String, Object> context);
}
