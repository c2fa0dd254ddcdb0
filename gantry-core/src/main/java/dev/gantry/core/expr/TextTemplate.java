package dev.gantry.core.expr;

import dev.gantry.core.expr.Node.Binary;
import dev.gantry.core.expr.Node.Call;
import dev.gantry.core.expr.Node.Conditional;
import dev.gantry.core.expr.Node.ListOf;
import dev.gantry.core.expr.Node.MapOf;
import dev.gantry.core.expr.Node.Member;
import dev.gantry.core.expr.Node.Name;
import dev.gantry.core.expr.Node.Slice;
import dev.gantry.core.expr.Node.Unary;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A text split into literal pieces (Strings) and parsed expressions, in order. */
final class TextTemplate implements Template {

  record Expression(String source, Node node) {}

  private final List<Object> parts;
  private final Limits limits;

  TextTemplate(List<Object> parts, Limits limits) {
    this.parts = List.copyOf(parts);
    this.limits = limits;
  }

  @Override
  public boolean isLiteral() {
    return parts.stream().noneMatch(p -> p instanceof Expression);
  }

  @Override
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (Object part : parts) {
      if (part instanceof Expression e) {
        collect(e.node(), names);
      }
    }
    return names;
  }

  @Override
  public Object evaluate(Map<String, Object> context) {
    if (parts.size() == 1 && parts.get(0) instanceof Expression e) {
      return value(e, context);
    }
    return render(context);
  }

  @Override
  public String render(Map<String, Object> context) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      String piece = part instanceof Expression e ? Values.format(value(e, context)) : (String) part;
      if ((long) out.length() + piece.length() > limits.maxString()) {
        throw new ExpressionException("the text is longer than " + limits.maxString() + " characters", 1,
            part instanceof Expression e ? e.source() : piece);
      }
      out.append(piece);
    }
    return out.toString();
  }

  private Object value(Expression e, Map<String, Object> context) {
    return new Evaluator(context, new Evaluation(limits, e.source())).evaluate(e.node());
  }

  private static void collect(Node node, Set<String> names) {
    if (node instanceof Name n) {
      names.add(n.name());
    } else if (node instanceof Member m) {
      collect(m.target(), names);
      collect(m.key(), names);
    } else if (node instanceof Slice s) {
      collect(s.target(), names);
      if (s.from() != null) collect(s.from(), names);
      if (s.to() != null) collect(s.to(), names);
    } else if (node instanceof Unary u) {
      collect(u.operand(), names);
    } else if (node instanceof Binary b) {
      collect(b.left(), names);
      collect(b.right(), names);
    } else if (node instanceof Conditional c) {
      collect(c.condition(), names);
      collect(c.then(), names);
      collect(c.otherwise(), names);
    } else if (node instanceof ListOf l) {
      l.items().forEach(i -> collect(i, names));
    } else if (node instanceof MapOf m) {
      m.keys().forEach(k -> collect(k, names));
      m.values().forEach(v -> collect(v, names));
    } else if (node instanceof Call c) {
      c.arguments().forEach(a -> collect(a, names));
    }
  }
}
