package dev.gantry.core.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The functions expressions may call: expr-lang's built-ins that job templates use, and Tork's
 * {@code sequence} and {@code randomInt}. Each checks its arguments and charges the evaluation for
 * the elements it walks or makes.
 */
final class Builtins {

  private final Evaluation budget;

  Builtins(Evaluation budget) {
    this.budget = budget;
  }

  Object call(String name, List<Object> args, int column) {
    Call call = new Call(name, args, column);
    return switch (name) {
      case "len" -> call.arity(1).len();
      case "upper" -> call.arity(1).string(0).toUpperCase(Locale.ROOT);
      case "lower" -> call.arity(1).string(0).toLowerCase(Locale.ROOT);
      case "trim" -> call.arity(1, 2).trim();
      case "trimPrefix" -> call.arity(2).trimPrefix();
      case "trimSuffix" -> call.arity(2).trimSuffix();
      case "split" -> call.arity(2).split();
      case "join" -> call.arity(1, 2).join();
      case "replace" -> call.arity(3).replace();
      case "indexOf" -> (long) call.arity(2).string(0).indexOf(call.string(1));
      case "lastIndexOf" -> (long) call.arity(2).string(0).lastIndexOf(call.string(1));
      case "fromJSON" -> Json.read(call.arity(1).string(0), budget, column);
      case "toJSON" -> Json.write(call.arity(1).args.get(0), budget, column);
      case "string" -> call.arity(1).string();
      case "int" -> call.arity(1).toInt();
      case "float" -> call.arity(1).toFloat();
      case "abs" -> call.arity(1).abs();
      case "max", "min" -> call.atLeast(1).extreme(name.equals("max"));
      case "keys", "values" -> call.arity(1).entries(name.equals("keys"));
      case "first", "last" -> call.arity(1).end(name.equals("first"));
      case "reverse" -> call.arity(1).reverse();
      case "sequence" -> call.arity(2).sequence();
      case "randomInt" -> call.arity(0, 1).randomInt();
      default -> throw budget.error("unknown function " + name, column);
    };
  }

  /** One call's arguments, with the checks and conversions every function shares. */
  private final class Call {
    private final String name;
    private final List<Object> args;
    private final int column;

    Call(String name, List<Object> args, int column) {
      this.name = name;
      this.args = args;
      this.column = column;
    }

    Call arity(int n) {
      return arity(n, n);
    }

    Call arity(int min, int max) {
      if (args.size() < min || args.size() > max) {
        String expected = min == max ? String.valueOf(min) : min + " to " + max;
        throw budget.error(name + " takes " + expected + " argument" + (max == 1 ? "" : "s") + ", not " + args.size(),
            column);
      }
      return this;
    }

    Call atLeast(int min) {
      return arity(min, Integer.MAX_VALUE);
    }

    ExpressionException wrongType(int i, String expected) {
      return budget.error(name + ": argument " + (i + 1) + " must be " + expected + ", not "
          + Values.typeName(args.get(i)), column);
    }

    String string(int i) {
      if (args.get(i) instanceof String s) {
        return s;
      }
      throw wrongType(i, "a string");
    }

    long integer(int i) {
      if (Values.isInt(args.get(i))) {
        return Values.toLong(args.get(i));
      }
      throw wrongType(i, "an int");
    }

    List<?> list(int i) {
      if (args.get(i) instanceof List<?> list) {
        return list;
      }
      throw wrongType(i, "an array");
    }

    Object len() {
      Object v = args.get(0);
      if (v instanceof String s) return (long) s.codePointCount(0, s.length());
      if (v instanceof List<?> l) return (long) l.size();
      if (v instanceof Map<?, ?> m) return (long) m.size();
      throw wrongType(0, "a string, an array or a map");
    }

    String trim() {
      String s = string(0);
      if (args.size() == 1) {
        return s.strip();
      }
      String cut = string(1);
      int from = 0;
      int to = s.length();
      while (from < to && cut.indexOf(s.charAt(from)) >= 0) from++;
      while (to > from && cut.indexOf(s.charAt(to - 1)) >= 0) to--;
      return s.substring(from, to);
    }

    String trimPrefix() {
      String s = string(0);
      return s.startsWith(string(1)) ? s.substring(string(1).length()) : s;
    }

    String trimSuffix() {
      String s = string(0);
      return s.endsWith(string(1)) ? s.substring(0, s.length() - string(1).length()) : s;
    }

    List<Object> split() {
      String s = string(0);
      String sep = string(1);
      List<Object> parts = new ArrayList<>();
      if (sep.isEmpty()) {
        budget.listOf(s.codePointCount(0, s.length()), column);
        s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
        return parts;
      }
      int from = 0;
      for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
        parts.add(s.substring(from, at));
        from = at + sep.length();
        budget.fitsList(parts.size() + 1, column);
        budget.step(column);
      }
      parts.add(s.substring(from));
      return parts;
    }

    String join() {
      List<?> items = list(0);
      String sep = args.size() == 2 ? string(1) : "";
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < items.size(); i++) {
        String item = items.get(i) instanceof String s ? s : Values.format(items.get(i));
        budget.fitsString((long) out.length() + sep.length() + item.length(), column);
        budget.steps(1 + item.length() / 64, column);
        out.append(i == 0 ? "" : sep).append(item);
      }
      return out.toString();
    }

    String replace() {
      String s = string(0);
      String old = string(1);
      String with = string(2);
      long count = old.isEmpty() ? s.length() + 1 : (s.length() - s.replace(old, "").length()) / old.length();
      budget.stringOf(s.length() + count * (with.length() - old.length()), column);
      return s.replace(old, with);
    }

    String string() {
      String text = Values.format(args.get(0));
      budget.stringOf(text.length(), column);
      return text;
    }

    Object toInt() {
      Object v = args.get(0);
      if (Values.isInt(v)) return Values.toLong(v);
      if (v instanceof Double d) {
        if (d.isNaN() || d >= 0x1p63 || d < -0x1p63) {
          throw budget.error("int: " + Values.formatFloat(d) + " is out of range", column);
        }
        return d.longValue();
      }
      if (v instanceof String s) {
        try {
          return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
          throw budget.error("int: '" + shortened(s) + "' is not an integer", column);
        }
      }
      throw wrongType(0, "a number or a string");
    }

    Object toFloat() {
      Object v = args.get(0);
      if (Values.isNumber(v)) return Values.toDouble(v);
      if (v instanceof String s) {
        try {
          return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
          throw budget.error("float: '" + shortened(s) + "' is not a number", column);
        }
      }
      throw wrongType(0, "a number or a string");
    }

    Object abs() {
      Object v = args.get(0);
      if (Values.isInt(v)) {
        if (Values.toLong(v) == Long.MIN_VALUE) {
          throw budget.error("integer overflow", column);
        }
        return Math.abs(Values.toLong(v));
      }
      if (v instanceof Double d) return Math.abs(d);
      throw wrongType(0, "a number");
    }

    Object extreme(boolean max) {
      List<?> items = args.size() == 1 && args.get(0) instanceof List<?> l ? l : args;
      if (items.isEmpty()) {
        throw budget.error(name + " of an empty array", column);
      }
      budget.steps(items.size(), column);
      Object best = null;
      for (Object item : items) {
        if (!Values.isNumber(item)) {
          throw budget.error(name + ": " + Values.typeName(item) + " is not a number", column);
        }
        if (best == null || (max ? Values.toDouble(item) > Values.toDouble(best) : Values.toDouble(item) < Values.toDouble(best))) {
          best = item;
        }
      }
      return best;
    }

    List<Object> entries(boolean keys) {
      if (!(args.get(0) instanceof Map<?, ?> map)) {
        throw wrongType(0, "a map");
      }
      budget.listOf(map.size(), column);
      return new ArrayList<>(keys ? map.keySet() : map.values());
    }

    Object end(boolean first) {
      List<?> items = list(0);
      return items.isEmpty() ? null : items.get(first ? 0 : items.size() - 1);
    }

    List<Object> reverse() {
      List<Object> out = new ArrayList<>(list(0));
      budget.listOf(out.size(), column);
      java.util.Collections.reverse(out);
      return out;
    }

    /** Tork's: the ints from start up to, not including, stop; empty when stop is not above start. */
    List<Object> sequence() {
      long start = integer(0);
      long stop = integer(1);
      if (stop <= start) {
        return List.of();
      }
      budget.listOf(stop - start, column);
      List<Object> out = new ArrayList<>((int) (stop - start));
      for (long i = start; i < stop; i++) {
        out.add(i);
      }
      return out;
    }

    /** Tork's: a random int in [0, n), or any non-negative int without n. */
    long randomInt() {
      if (args.isEmpty()) {
        return ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
      }
      long n = integer(0);
      if (n <= 0) {
        throw budget.error("randomInt: n must be positive, not " + n, column);
      }
      return ThreadLocalRandom.current().nextLong(n);
    }
  }

  private static String shortened(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
