package dev.gantry.core.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * expr-lang's syntax (github.com/expr-lang/expr, which Tork evaluates its templates with), parsed
 * by Gantry's own Pratt parser and evaluated by a tree walker: no Java library reads this syntax.
 */
final class ExprLanguage implements ExpressionLanguage {

  static final ExprLanguage INSTANCE = new ExprLanguage(Limits.STANDARD);

  private final Limits limits;

  ExprLanguage(Limits limits) {
    this.limits = limits;
  }

  @Override
  public Template parse(String text) {
    List<Object> parts = new ArrayList<>();
    int from = 0;
    for (int open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", from)) {
      if (open > from) {
        parts.add(text.substring(from, open));
      }
      int close = closingBraces(text, open + 2);
      if (close < 0) {
        unclosed(text, open);
      }
      String source = text.substring(open + 2, close);
      parts.add(new TextTemplate.Expression(source, Parser.parse(source, limits)));
      from = close + 2;
    }
    if (from < text.length() || parts.isEmpty()) {
      parts.add(text.substring(from));
    }
    return new TextTemplate(parts, limits);
  }

  /** An unterminated string hides the closing braces: when there are some, the parser says what is wrong. */
  private void unclosed(String text, int open) {
    int plain = text.indexOf("}}", open + 2);
    if (plain >= 0) {
      Parser.parse(text.substring(open + 2, plain), limits);
    }
    throw new ExpressionException("'{{' without a closing '}}'", 1, text.substring(open + 2, plain >= 0 ? plain : text.length()));
  }

  /**
   * Where the {@code }}} that closes a template starts: the first one outside string literals
   * and map braces, so that {@code {{ {"a": {"b": 1}} }}} and {@code {{ "}}" }}} read whole.
   */
  private static int closingBraces(String text, int from) {
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = endOfString(text, i, c);
        if (i < 0) {
          return -1;
        }
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0 && i + 1 < text.length() && text.charAt(i + 1) == '}') {
          return i;
        }
        depth = Math.max(0, depth - 1);
      }
    }
    return -1;
  }

  private static int endOfString(String text, int open, char quote) {
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quote != '`') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }
}
