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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Walks a parsed expression against a context; operators are {@link Operators}', functions {@link Builtins}'. */
final class Evaluator {

  private final Map<String, Object> context;
  private final Evaluation budget;
  private final Operators operators;
  private final Builtins builtins;

  Evaluator(Map<String, Object> context, Evaluation budget) {
    this.context = context;
    this.budget = budget;
    this.operators = new Operators(budget);
    this.builtins = new Builtins(budget);
  }

  Object evaluate(Node node) {
    return evaluate(node, false);
  }

  /** {@code lenient}: on the left of {@code ??}, where fetching from nil gives nil, as in expr-lang. */
  private Object evaluate(Node node, boolean lenient) {
    budget.step(node.column());
    if (node instanceof Literal literal) {
      return literal.value();
    }
    if (node instanceof Name name) {
      if (!context.containsKey(name.name())) {
        throw budget.error("unknown name " + name.name(), name.column());
      }
      return context.get(name.name());
    }
    if (node instanceof Member member) {
      Object target = evaluate(member.target(), lenient);
      return fetch(target, evaluate(member.key()), member.optional() || lenient, member);
    }
    if (node instanceof Slice slice) {
      return slice(slice);
    }
    if (node instanceof Unary unary) {
      return operators.unary(unary.operator(), evaluate(unary.operand()), unary.column());
    }
    if (node instanceof Binary binary) {
      return binary(binary);
    }
    if (node instanceof Conditional c) {
      Object condition = evaluate(c.condition());
      if (!(condition instanceof Boolean b)) {
        throw budget.error("the condition of ?: must be a bool, not " + Values.typeName(condition), c.column());
      }
      return b ? evaluate(c.then()) : evaluate(c.otherwise());
    }
    if (node instanceof ListOf list) {
      budget.listOf(list.items().size(), list.column());
      List<Object> items = new ArrayList<>(list.items().size());
      for (Node item : list.items()) {
        items.add(evaluate(item));
      }
      return items;
    }
    if (node instanceof MapOf map) {
      Map<String, Object> entries = new LinkedHashMap<>();
      for (int i = 0; i < map.keys().size(); i++) {
        entries.put(Values.format(evaluate(map.keys().get(i))), evaluate(map.values().get(i)));
      }
      return entries;
    }
    Call call = (Call) node;
    List<Object> arguments = new ArrayList<>(call.arguments().size());
    for (Node argument : call.arguments()) {
      arguments.add(evaluate(argument));
    }
    return builtins.call(call.function(), arguments, call.column());
  }

  private Object binary(Binary b) {
    switch (b.operator()) {
      case "and", "&&", "or", "||" -> {
        boolean and = b.operator().equals("and") || b.operator().equals("&&");
        boolean left = bool(evaluate(b.left()), b);
        if (and != left) {
          return left;
        }
        return bool(evaluate(b.right()), b);
      }
      case "??" -> {
        Object left = evaluate(b.left(), true);
        return left != null ? left : evaluate(b.right());
      }
      default -> {
        return operators.binary(b.operator(), evaluate(b.left()), evaluate(b.right()), b.column());
      }
    }
  }

  private boolean bool(Object value, Binary b) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    throw budget.error("invalid operation: " + b.operator() + " needs bool operands, not " + Values.typeName(value),
        b.column());
  }

  private Object fetch(Object target, Object key, boolean optional, Member member) {
    if (target == null) {
      if (optional) {
        return null;
      }
      throw budget.error("cannot fetch " + Values.format(key) + " from nil", member.column());
    }
    if (target instanceof Map<?, ?> map) {
      return map.get(key instanceof String s ? s : Values.format(key));
    }
    if ((target instanceof List<?> || target instanceof String) && !Values.isInt(key)) {
      throw budget.error("cannot fetch " + Values.format(key) + " from " + Values.typeName(target), member.column());
    }
    if (target instanceof List<?> list) {
      return list.get(index(key, list.size(), member));
    }
    if (target instanceof String s) {
      int i = index(key, s.length(), member);
      return s.substring(i, i + 1);
    }
    throw budget.error("cannot fetch " + Values.format(key) + " from " + Values.typeName(target), member.column());
  }

  private int index(Object key, int length, Member member) {
    if (!Values.isInt(key)) {
      throw budget.error("index must be an int, not " + Values.typeName(key), member.column());
    }
    long i = Values.toLong(key);
    long at = i < 0 ? i + length : i;
    if (at < 0 || at >= length) {
      throw budget.error("index out of range: " + i + " (length " + length + ")", member.column());
    }
    return (int) at;
  }

  private Object slice(Slice slice) {
    Object target = evaluate(slice.target());
    int length;
    if (target instanceof List<?> list) {
      length = list.size();
    } else if (target instanceof String s) {
      length = s.length();
    } else {
      throw budget.error("cannot slice " + Values.typeName(target), slice.column());
    }
    int from = bound(slice.from(), 0, length, slice);
    int to = Math.max(from, bound(slice.to(), length, length, slice));
    if (target instanceof String s) {
      return s.substring(from, to);
    }
    budget.listOf(to - from, slice.column());
    return new ArrayList<>(((List<?>) target).subList(from, to));
  }

  private int bound(Node node, int absent, int length, Slice slice) {
    if (node == null) {
      return absent;
    }
    Object value = evaluate(node);
    if (!Values.isInt(value)) {
      throw budget.error("slice bounds must be ints, not " + Values.typeName(value), slice.column());
    }
    long i = Values.toLong(value);
    long at = i < 0 ? i + length : i;
    return (int) Math.max(0, Math.min(length, at));
  }
}
