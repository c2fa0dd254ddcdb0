package dev.gantry.core.expr;

import java.util.List;

/** A parsed expression: a tree whose nodes know their column for error messages. */
sealed interface Node {

  int column();

  record Literal(Object value, int column) implements Node {}

  record Name(String name, int column) implements Node {}

  /** {@code target.key}, {@code target[key]}; {@code optional} for {@code ?.}: nil instead of an error. */
  record Member(Node target, Node key, boolean optional, int column) implements Node {}

  /** {@code target[from:to]}; a null bound is the start or the end. */
  record Slice(Node target, Node from, Node to, int column) implements Node {}

  record Unary(String operator, Node operand, int column) implements Node {}

  record Binary(String operator, Node left, Node right, int column) implements Node {}

  record Conditional(Node condition, Node then, Node otherwise, int column) implements Node {}

  record ListOf(List<Node> items, int column) implements Node {}

  record MapOf(List<Node> keys, List<Node> values, int column) implements Node {}

  record Call(String function, List<Node> arguments, int column) implements Node {}
}
