package dev.gantry.core.expr;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values expressions work with, as Java objects: null (nil), Boolean, Long (int), Double
 * (float), String, List and Map with String keys. Their names and text are expr-lang's (Go's).
 */
final class Values {

  private Values() {}

  static String typeName(Object value) {
    if (value == null) return "nil";
    if (value instanceof Boolean) return "bool";
    if (value instanceof Long || value instanceof Integer) return "int";
    if (value instanceof Double) return "float";
    if (value instanceof String) return "string";
    if (value instanceof List) return "array";
    if (value instanceof Map) return "map";
    if (value instanceof Sealed) return "secret";
    return value.getClass().getSimpleName();
  }

  static boolean isInt(Object value) {
    return value instanceof Long || value instanceof Integer;
  }

  static boolean isNumber(Object value) {
    return isInt(value) || value instanceof Double;
  }

  static double toDouble(Object number) {
    return ((Number) number).doubleValue();
  }

  static long toLong(Object number) {
    return ((Number) number).longValue();
  }

  /** expr-lang's {@code ==}: numbers by value (1 == 1.0), lists and maps by their contents. */
  static boolean equal(Object a, Object b) {
    if (isNumber(a) && isNumber(b)) {
      return isInt(a) && isInt(b) ? toLong(a) == toLong(b) : toDouble(a) == toDouble(b);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.size() == y.size() && x.entrySet().stream()
          .allMatch(e -> y.containsKey(e.getKey()) && equal(e.getValue(), y.get(e.getKey())));
    }
    return a == null ? b == null : a.equals(b);
  }

  /** A value as Go's {@code %v} writes it, which is how Tork puts a template's value into its text. */
  static String format(Object value) {
    StringBuilder out = new StringBuilder();
    format(value, out);
    return out.toString();
  }

  private static void format(Object value, StringBuilder out) {
    if (value == null) {
      out.append("<nil>");
    } else if (value instanceof Double d) {
      out.append(formatFloat(d));
    } else if (value instanceof Sealed sealed) {
      out.append(sealed.text());
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        format(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
        out.append(first ? "" : " ").append(e.getKey()).append(':');
        format(e.getValue(), out);
        first = false;
      }
      out.append(']');
    } else {
      out.append(value);
    }
  }

  /** Go's shortest {@code %g}: exponent form below 1e-4 and from 1e6 ({@code 1e+06}, {@code 2.5}, {@code 3}). */
  static String formatFloat(double d) {
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
    if (d == 0) return (1 / d < 0) ? "-0" : "0";
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = exact.precision() - exact.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      String digits = exact.unscaledValue().abs().toString();
      String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exp = String.format("%02d", Math.abs(exponent));
      return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
    return exact.toPlainString();
  }
}
