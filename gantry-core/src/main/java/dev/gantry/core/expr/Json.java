package dev.gantry.core.expr;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code fromJSON} and {@code toJSON}. Written as Go's {@code json.MarshalIndent(v, "", "  ")}
 * writes (what expr-lang's toJSON gives): keys sorted, two-space indent, {@code <>&} escaped.
 * Whole JSON numbers read as ints, others as floats.
 */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());

  private Json() {}

  static Object read(String text, Evaluation budget, int column) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // Without Jackson's "(start marker at [Source: ...])" and location: the column says where.
      String message = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" \\(start marker at .*", "");
      throw budget.error("fromJSON: invalid JSON: " + (message.length() > 120 ? message.substring(0, 120) + "..." : message),
          column);
    }
    if (node == null || node.isMissingNode()) {
      throw budget.error("fromJSON: invalid JSON: empty text", column);
    }
    return value(node, budget, column);
  }

  private static Object value(JsonNode node, Evaluation budget, int column) {
    budget.step(column);
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        map.put(e.getKey(), value(e.getValue(), budget, column));
      }
      return map;
    }
    if (node.isArray()) {
      budget.listOf(node.size(), column);
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(item -> list.add(value(item, budget, column)));
      return list;
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) return node.longValue();
    if (node.isNumber()) return node.doubleValue();
    if (node.isBoolean()) return node.booleanValue();
    if (node.isNull()) return null;
    return node.asText();
  }

  static String write(Object value, Evaluation budget, int column) {
    StringBuilder out = new StringBuilder();
    write(value, out, "", budget, column);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out, String indent, Evaluation budget, int column) {
    budget.step(column);
    budget.fitsString(out.length(), column);
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw budget.error("toJSON: unsupported value " + Values.formatFloat(d), column);
      }
      out.append(d == Math.rint(d) && Math.abs(d) < 1e21 ? String.valueOf(d.longValue()) : String.valueOf(d));
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        out.append(indent).append("  ");
        write(list.get(i), out, indent + "  ", budget, column);
        out.append(i < list.size() - 1 ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
        out.append(indent).append("  ");
        string(String.valueOf(e.getKey()), out);
        out.append(": ");
        write(e.getValue(), out, indent + "  ", budget, column);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else {
      out.append(value);
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
