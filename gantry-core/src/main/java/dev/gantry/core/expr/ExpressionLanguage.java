package dev.gantry.core.expr;

/**
 * Parses texts holding {@code {{ expression }}} templates. The only way the rest of Gantry reaches
 * an expression language, so that another one can take its place.
 */
public interface ExpressionLanguage {

  /**
   * Parses {@code text}; a text without {@code {{} is a literal template.
   *
   * @throws ExpressionException naming the first expression that does not parse
   */
  Template parse(String text);

  /** The language Gantry uses: expr-lang's syntax, as Tork's templates are written. */
  static ExpressionLanguage standard() {
    return ExprLanguage.INSTANCE;
  }
}
