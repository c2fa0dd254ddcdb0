package dev.gantry.core.expr;

import dev.gantry.core.expr.Node.Binary;
import dev.gantry.core.expr.Node.Call;
import dev.gantry.core.expr.Node.Conditional;
import dev.gantry.core.expr.Node.ListOf;
import dev.gantry.core.expr.Node.Literal;
import dev.gantry.core.expr.Node.MapOf;
import dev.gantry.core.expr.Node.Member;
import dev.gantry.core.expr.Node.Name;
import dev.gantry.core.expr.Node.Slice;
import dev.gantry.core.expr.Node.Unary;
import dev.gantry.core.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Pratt parser for expr-lang's syntax: precedences and associativity as in expr-lang's
 * operator table, so that an expression means here what it means in Tork.
 */
final class Parser {

  private record Precedence(int level, boolean rightAssociative) {}

  private static final Map<String, Precedence> BINARY = Map.ofEntries(
      Map.entry("or", new Precedence(10, false)), Map.entry("||", new Precedence(10, false)),
      Map.entry("and", new Precedence(15, false)), Map.entry("&&", new Precedence(15, false)),
      Map.entry("==", new Precedence(20, false)), Map.entry("!=", new Precedence(20, false)),
      Map.entry("<", new Precedence(20, false)), Map.entry(">", new Precedence(20, false)),
      Map.entry("<=", new Precedence(20, false)), Map.entry(">=", new Precedence(20, false)),
      Map.entry("in", new Precedence(20, false)), Map.entry("matches", new Precedence(20, false)),
      Map.entry("contains", new Precedence(20, false)), Map.entry("startsWith", new Precedence(20, false)),
      Map.entry("endsWith", new Precedence(20, false)), Map.entry("..", new Precedence(25, false)),
      Map.entry("+", new Precedence(30, false)), Map.entry("-", new Precedence(30, false)),
      Map.entry("*", new Precedence(60, false)), Map.entry("/", new Precedence(60, false)),
      Map.entry("%", new Precedence(60, false)), Map.entry("**", new Precedence(100, true)),
      Map.entry("^", new Precedence(100, true)), Map.entry("??", new Precedence(500, false)));
  private static final Map<String, Integer> UNARY = Map.of("not", 50, "!", 50, "-", 90, "+", 90);
  /** Operators that {@code not} may precede: {@code a not in b}. */
  private static final Set<String> NEGATABLE = Set.of("in", "matches", "contains", "startsWith", "endsWith");

  private final String source;
  private final List<Token> tokens;
  private final Limits limits;
  private int at;
  private int depth;

  private Parser(String source, Limits limits) {
    this.source = source;
    this.limits = limits;
    this.tokens = Lexer.tokens(source, limits);
  }

  static Node parse(String source, Limits limits) {
    if (source.length() > limits.maxLength()) {
      throw new ExpressionException("expression is longer than " + limits.maxLength() + " characters", 1, source);
    }
    Parser parser = new Parser(source, limits);
    if (parser.peek().kind() == Kind.EOF) {
      throw new ExpressionException("empty expression", 1, source);
    }
    Node node = parser.expression(0);
    Token rest = parser.peek();
    if (rest.kind() != Kind.EOF) {
      throw parser.error("unexpected " + describe(rest), rest);
    }
    return node;
  }

  private Node expression(int minLevel) {
    enter();
    Node left = prefix();
    while (true) {
      Token t = peek();
      String op = binaryOperator(t);
      boolean negated = false;
      if (t.is(Kind.NAME, "not") && NEGATABLE.contains(peekAt(1).text()) && peekAt(1).kind() == Kind.NAME) {
        op = peekAt(1).text();
        negated = true;
      }
      if (op == null) {
        break;
      }
      Precedence p = BINARY.get(op);
      if (p.level() < minLevel || (p.level() == minLevel && !p.rightAssociative())) {
        break;
      }
      at += negated ? 2 : 1;
      Node right = expression(p.rightAssociative() ? p.level() : p.level() + 1);
      Node binary = new Binary(op, left, right, t.column());
      left = negated ? new Unary("not", binary, t.column()) : binary;
    }
    if (minLevel == 0 && peek().isOperator("?")) {
      Token q = next();
      Node then = expression(0);
      expect(":");
      Node otherwise = expression(0);
      left = new Conditional(left, then, otherwise, q.column());
    }
    depth--;
    return left;
  }

  private String binaryOperator(Token t) {
    if (t.kind() == Kind.OPERATOR && BINARY.containsKey(t.text())) {
      return t.text();
    }
    if (t.kind() == Kind.NAME && BINARY.containsKey(t.text())) {
      return t.text();
    }
    return null;
  }

  private Node prefix() {
    Token t = next();
    boolean unary = t.is(Kind.NAME, "not")
        || (t.kind() == Kind.OPERATOR && (t.text().equals("!") || t.text().equals("-") || t.text().equals("+")));
    if (unary) {
      Node operand = expression(UNARY.get(t.text()));
      return new Unary(t.text().equals("!") ? "not" : t.text(), operand, t.column());
    }
    return postfix(primary(t));
  }

  private Node primary(Token t) {
    switch (t.kind()) {
      case NUMBER, STRING:
        return new Literal(t.value(), t.column());
      case NAME:
        return switch (t.text()) {
          case "true" -> new Literal(Boolean.TRUE, t.column());
          case "false" -> new Literal(Boolean.FALSE, t.column());
          case "nil" -> new Literal(null, t.column());
          default -> peek().isOperator("(") ? call(t) : new Name(t.text(), t.column());
        };
      case OPERATOR:
        if (t.text().equals("(")) {
          Node inner = expression(0);
          expect(")");
          return inner;
        }
        if (t.text().equals("[")) {
          return new ListOf(items("]"), t.column());
        }
        if (t.text().equals("{")) {
          return map(t);
        }
        throw error("unexpected " + describe(t), t);
      default:
        throw error("unexpected end of expression", t);
    }
  }

  private Node call(Token name) {
    next();
    return new Call(name.text(), items(")"), name.column());
  }

  /** Comma-separated expressions up to {@code close}; a trailing comma is allowed, as in expr-lang. */
  private List<Node> items(String close) {
    enter();
    List<Node> items = new ArrayList<>();
    while (!peek().isOperator(close)) {
      items.add(expression(0));
      if (!peek().isOperator(",")) {
        break;
      }
      next();
    }
    expect(close);
    depth--;
    return items;
  }

  private Node map(Token open) {
    enter();
    List<Node> keys = new ArrayList<>();
    List<Node> values = new ArrayList<>();
    while (!peek().isOperator("}")) {
      Token k = next();
      if (k.kind() == Kind.NAME || k.kind() == Kind.STRING) {
        keys.add(new Literal(k.kind() == Kind.NAME ? k.text() : k.value(), k.column()));
      } else if (k.kind() == Kind.NUMBER) {
        keys.add(new Literal(k.text(), k.column()));
      } else if (k.isOperator("(")) {
        keys.add(expression(0));
        expect(")");
      } else {
        throw error("a map key must be a name, a string or (expression), not " + describe(k), k);
      }
      expect(":");
      values.add(expression(0));
      if (!peek().isOperator(",")) {
        break;
      }
      next();
    }
    expect("}");
    depth--;
    return new MapOf(keys, values, open.column());
  }

  private Node postfix(Node node) {
    int steps = 0;
    while (true) {
      Token t = peek();
      if (t.isOperator(".") || t.isOperator("?.")) {
        next();
        Token name = next();
        if (name.kind() != Kind.NAME) {
          throw error("expected a name after '" + t.text() + "', not " + describe(name), name);
        }
        node = new Member(node, new Literal(name.text(), name.column()), t.isOperator("?."), t.column());
      } else if (t.isOperator("[")) {
        next();
        node = index(node, t);
      } else {
        return node;
      }
      if (++steps > limits.maxDepth()) {
        throw error("expression nests deeper than " + limits.maxDepth() + " levels", t);
      }
    }
  }

  private Node index(Node target, Token open) {
    Node from = null;
    if (!peek().isOperator(":")) {
      from = expression(0);
      if (peek().isOperator("]")) {
        next();
        return new Member(target, from, false, open.column());
      }
    }
    expect(":");
    Node to = peek().isOperator("]") ? null : expression(0);
    expect("]");
    return new Slice(target, from, to, open.column());
  }

  private void enter() {
    if (++depth > limits.maxDepth()) {
      throw error("expression nests deeper than " + limits.maxDepth() + " levels", peek());
    }
  }

  private void expect(String operator) {
    Token t = next();
    if (!t.isOperator(operator)) {
      throw error("expected '" + operator + "', found " + describe(t), t);
    }
  }

  private Token next() {
    Token t = tokens.get(at);
    if (t.kind() != Kind.EOF) {
      at++;
    }
    return t;
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1));
  }

  private ExpressionException error(String reason, Token t) {
    return new ExpressionException(reason, t.column(), source);
  }

  private static String describe(Token t) {
    if (t.kind() == Kind.EOF) {
      return "end of expression";
    }
    String text = t.text().length() > 24 ? t.text().substring(0, 24) + "..." : t.text();
    return "'" + text + "'";
  }
}
