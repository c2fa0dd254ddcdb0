package dev.gantry.core.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * expr-lang's operators on Gantry's values: {@code /} and {@code **} always give a float,
 * {@code %} needs ints, {@code +} adds numbers, joins strings and lists, and nothing converts
 * silently between strings and numbers. Integer arithmetic that overflows is an error, not a
 * wrap-around.
 */
final class Operators {

  private final Evaluation budget;

  Operators(Evaluation budget) {
    this.budget = budget;
  }

  Object unary(String op, Object value, int column) {
    switch (op) {
      case "not" -> {
        if (value instanceof Boolean b) {
          return !b;
        }
      }
      case "-" -> {
        if (Values.isInt(value)) {
          return exact(() -> Math.negateExact(Values.toLong(value)), column);
        }
        if (value instanceof Double d) {
          return -d;
        }
      }
      default -> {
        if (Values.isNumber(value)) {
          return value;
        }
      }
    }
    throw budget.error("invalid operation: " + op + " " + Values.typeName(value), column);
  }

  Object binary(String op, Object left, Object right, int column) {
    switch (op) {
      case "==":
        return Values.equal(left, right);
      case "!=":
        return !Values.equal(left, right);
      case "<", ">", "<=", ">=":
        return compare(op, left, right, column);
      case "+":
        return plus(left, right, column);
      case "-", "*":
        if (Values.isInt(left) && Values.isInt(right)) {
          long a = Values.toLong(left);
          long b = Values.toLong(right);
          return exact(() -> op.equals("-") ? Math.subtractExact(a, b) : Math.multiplyExact(a, b), column);
        }
        if (Values.isNumber(left) && Values.isNumber(right)) {
          double a = Values.toDouble(left);
          double b = Values.toDouble(right);
          return op.equals("-") ? a - b : a * b;
        }
        break;
      case "/":
        if (Values.isNumber(left) && Values.isNumber(right)) {
          return Values.toDouble(left) / Values.toDouble(right);
        }
        break;
      case "%":
        if (Values.isInt(left) && Values.isInt(right)) {
          if (Values.toLong(right) == 0) {
            throw budget.error("integer divide by zero", column);
          }
          return Values.toLong(left) % Values.toLong(right);
        }
        break;
      case "**", "^":
        if (Values.isNumber(left) && Values.isNumber(right)) {
          return Math.pow(Values.toDouble(left), Values.toDouble(right));
        }
        break;
      case "in":
        return in(left, right, column);
      case "..":
        return range(left, right, column);
      case "matches", "contains", "startsWith", "endsWith":
        if (left instanceof String s && right instanceof String t) {
          return switch (op) {
            case "matches" -> matches(s, t, column);
            case "contains" -> s.contains(t);
            case "startsWith" -> s.startsWith(t);
            default -> s.endsWith(t);
          };
        }
        break;
      default:
        break;
    }
    throw mismatch(op, left, right, column);
  }

  private Object plus(Object left, Object right, int column) {
    if (Values.isInt(left) && Values.isInt(right)) {
      return exact(() -> Math.addExact(Values.toLong(left), Values.toLong(right)), column);
    }
    if (Values.isNumber(left) && Values.isNumber(right)) {
      return Values.toDouble(left) + Values.toDouble(right);
    }
    if (left instanceof String a && right instanceof String b) {
      budget.stringOf((long) a.length() + b.length(), column);
      return a + b;
    }
    if (left instanceof List<?> a && right instanceof List<?> b) {
      budget.listOf((long) a.size() + b.size(), column);
      List<Object> joined = new ArrayList<>(a);
      joined.addAll(b);
      return joined;
    }
    throw mismatch("+", left, right, column);
  }

  private boolean compare(String op, Object left, Object right, int column) {
    int order;
    if (Values.isInt(left) && Values.isInt(right)) {
      order = Long.compare(Values.toLong(left), Values.toLong(right));
    } else if (Values.isNumber(left) && Values.isNumber(right)) {
      order = Double.compare(Values.toDouble(left), Values.toDouble(right));
    } else if (left instanceof String a && right instanceof String b) {
      order = a.compareTo(b);
    } else {
      throw mismatch(op, left, right, column);
    }
    return switch (op) {
      case "<" -> order < 0;
      case ">" -> order > 0;
      case "<=" -> order <= 0;
      default -> order >= 0;
    };
  }

  private boolean in(Object needle, Object haystack, int column) {
    if (haystack instanceof List<?> list) {
      budget.steps(list.size(), column);
      return list.stream().anyMatch(item -> Values.equal(item, needle));
    }
    if (haystack instanceof Map<?, ?> map) {
      return map.containsKey(needle instanceof String s ? s : Values.format(needle));
    }
    if (haystack == null) {
      return false;
    }
    throw mismatch("in", needle, haystack, column);
  }

  private List<Object> range(Object from, Object to, int column) {
    if (!Values.isInt(from) || !Values.isInt(to)) {
      throw mismatch("..", from, to, column);
    }
    long a = Values.toLong(from);
    long b = Values.toLong(to);
    if (b < a) {
      return List.of();
    }
    budget.listOf(b - a + 1, column);
    List<Object> out = new ArrayList<>();
    for (long i = a; i <= b; i++) {
      out.add(i);
    }
    return out;
  }

  /**
   * Java's regular expressions backtrack (Go's do not), so a hostile pattern could take
   * exponential time: the text is read through a budget that ends the match when it runs out.
   */
  private boolean matches(String text, String regex, int column) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw budget.error("invalid regular expression: " + e.getDescription(), column);
    }
    return pattern.matcher(new MeteredText(text, budget, column)).find();
  }

  private long exact(java.util.function.LongSupplier operation, int column) {
    try {
      return operation.getAsLong();
    } catch (ArithmeticException e) {
      throw budget.error("integer overflow", column);
    }
  }

  private ExpressionException mismatch(String op, Object left, Object right, int column) {
    return budget.error("invalid operation: " + Values.typeName(left) + " " + op + " " + Values.typeName(right), column);
  }

  /** A string whose every character read is a step of the evaluation. */
  private record MeteredText(String text, Evaluation budget, int column) implements CharSequence {
    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      budget.step(column);
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new MeteredText(text.substring(start, end), budget, column);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
