package dev.gantry.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Expression to value, from expr-lang's language definition and Tork's example job files. Ints
 * are Longs, floats Doubles, arrays Lists, maps Maps.
 */
class ExpressionValuesTest {

  private static final Map<String, Object> CONTEXT = Map.of(
      "inputs", Map.of("message", "hello world", "count", "3", "flag", "true", "csv", "a,b,c"),
      "tasks", Map.of("greeting", "hi", "json", "{\"items\":[1,2,3],\"name\":\"x\",\"ok\":true,\"ratio\":0.5}",
          "flag", "false", "padded", "  spaced  "),
      "job", Map.of("id", "j-1", "name", "my job"));

  private final List<Object[]> rows = new ArrayList<>();

  private void row(String expression, Object expected) {
    rows.add(new Object[] {expression, expected});
  }

  @TestFactory
  Stream<DynamicTest> everyRowEvaluatesToItsValue() {
    literals();
    arithmetic();
    strings();
    comparisonsAndLogic();
    membership();
    collections();
    builtins();
    tork();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(100);
    return rows.stream().map(r -> DynamicTest.dynamicTest((String) r[0], () -> {
      Object value = ExpressionLanguage.standard().parse("{{ " + r[0] + " }}").evaluate(CONTEXT);
      assertThat(value).as((String) r[0]).isEqualTo(r[1]);
    }));
  }

  private void literals() {
    row("42", 42L);
    row("-7", -7L);
    row("1_000_000", 1_000_000L);
    row("0x1F", 31L);
    row("3.14", 3.14);
    row(".5", 0.5);
    row("1e3", 1000.0);
    row("2.5e-1", 0.25);
    row("'single'", "single");
    row("\"double\"", "double");
    row("\"tab\\there\"", "tab\there");
    row("'it\\'s'", "it's");
    row("\"\\u00e9\"", "é");
    row("\"line\\nbreak\"", "line\nbreak");
    row("`raw \\n`", "raw \\n");
    row("true", true);
    row("false", false);
    row("nil", null);
    row("[1, 2, 3]", List.of(1L, 2L, 3L));
    row("[]", List.of());
    row("[1, 'a', true, nil]", java.util.Arrays.asList(1L, "a", true, null));
    row("{a: 1, 'b c': 2}", map("a", 1L, "b c", 2L));
    row("{}", Map.of());
    row("[1, 2,]", List.of(1L, 2L));
  }

  private void arithmetic() {
    row("1 + 2", 3L);
    row("1 + 2 * 3", 7L);
    row("(1 + 2) * 3", 9L);
    row("10 - 4 - 3", 3L);
    row("7 / 2", 3.5);
    row("6 / 3", 2.0);
    row("7 % 3", 1L);
    row("-7 % 3", -1L);
    row("2 ** 10", 1024.0);
    row("2 ^ 3", 8.0);
    row("2 ** 3 ** 2", 512.0);
    row("-2 ** 2", -4.0);
    row("1 + 2.5", 3.5);
    row("0.1 * 10", 1.0);
    row("1 / 0", Double.POSITIVE_INFINITY);
    row("-(3 - 5)", 2L);
    row("+4", 4L);
    row("9223372036854775807", Long.MAX_VALUE);
  }

  private void strings() {
    row("'a' + 'b'", "ab");
    row("inputs.message + '!'", "hello world!");
    row("'hello'[1]", "e");
    row("'hello'[-1]", "o");
    row("'hello'[1:3]", "el");
    row("'hello'[:2]", "he");
    row("'hello'[3:]", "lo");
    row("'hello'[10:]", "");
    row("'Hello' matches '^H.*o$'", true);
    row("'abc' matches 'd'", false);
    row("'foobar' contains 'oba'", true);
    row("'foobar' startsWith 'foo'", true);
    row("'foobar' endsWith 'bar'", true);
    row("'foobar' not contains 'x'", true);
    row("'foobar' not startsWith 'foo'", false);
    row("'abc' < 'abd'", true);
  }

  private void comparisonsAndLogic() {
    row("1 == 1", true);
    row("1 == 1.0", true);
    row("1 != 2", true);
    row("'a' == 'a'", true);
    row("'1' == 1", false);
    row("nil == nil", true);
    row("[1, 2] == [1, 2]", true);
    row("2 > 1", true);
    row("2 >= 2", true);
    row("1.5 < 2", true);
    row("3 <= 2", false);
    row("true && false", false);
    row("true and true", true);
    row("false || true", true);
    row("false or false", false);
    row("!true", false);
    row("not false", true);
    row("not (1 > 2)", true);
    row("!(1 == 1) || 2 > 1", true);
    row("1 < 2 && 2 < 3", true);
    row("false && (1 / 0 > 0)", false);
    row("true || undefinedName", true);
    row("1 > 0 ? 'yes' : 'no'", "yes");
    row("1 < 0 ? 'yes' : 'no'", "no");
    row("false ? 1 : true ? 2 : 3", 2L);
    row("nil ?? 'default'", "default");
    row("'set' ?? 'default'", "set");
    row("inputs.missing ?? 'fallback'", "fallback");
    row("tasks.none?.field ?? 'deep'", "deep");
    row("inputs.missing.deeper ?? 'lenient'", "lenient");
  }

  private void membership() {
    row("2 in [1, 2, 3]", true);
    row("4 in [1, 2, 3]", false);
    row("4 not in [1, 2, 3]", true);
    row("'a' in {a: 1}", true);
    row("'b' in {a: 1}", false);
    row("'message' in inputs", true);
    row("'x' not in inputs", true);
    row("1.0 in [1]", true);
  }

  private void collections() {
    row("[1, 2, 3][0]", 1L);
    row("[1, 2, 3][-1]", 3L);
    row("[1, 2, 3, 4][1:3]", List.of(2L, 3L));
    row("[1, 2, 3][:-1]", List.of(1L, 2L));
    row("{a: {b: 'deep'}}.a.b", "deep");
    row("{a: {b: 'deep'}}['a']['b']", "deep");
    row("{a: 1}.missing", null);
    row("{a: 1}?.a", 1L);
    row("nil?.a", null);
    row("[1] + [2, 3]", List.of(1L, 2L, 3L));
    row("1..4", List.of(1L, 2L, 3L, 4L));
    row("5..1", List.of());
    row("{(1 + 1): 'two'}['2']", "two");
  }

  private void builtins() {
    row("len('héllo')", 5L);
    row("len([1, 2])", 2L);
    row("len({a: 1})", 1L);
    row("upper('abc')", "ABC");
    row("lower('ABC')", "abc");
    row("trim('  x  ')", "x");
    row("trim('__x__', '_')", "x");
    row("trimPrefix('v1.2', 'v')", "1.2");
    row("trimSuffix('file.txt', '.txt')", "file");
    row("split('a,b,c', ',')", List.of("a", "b", "c"));
    row("split('abc', '')", List.of("a", "b", "c"));
    row("join(['a', 'b'], '-')", "a-b");
    row("join(['a', 'b'])", "ab");
    row("join([1, 2], ',')", "1,2");
    row("replace('aaa', 'a', 'b')", "bbb");
    row("indexOf('hello', 'l')", 2L);
    row("string(42)", "42");
    row("string(2.5)", "2.5");
    row("string(6 / 3)", "2");
    row("string(1e6)", "1e+06");
    row("string(0.0001)", "0.0001");
    row("string([1, 'a'])", "[1 a]");
    row("string({b: 2, a: 1})", "map[a:1 b:2]");
    row("string(nil)", "<nil>");
    row("string(true)", "true");
    row("int('42')", 42L);
    row("int(3.9)", 3L);
    row("int(-3.9)", -3L);
    row("float('1.5')", 1.5);
    row("float(2)", 2.0);
    row("abs(-3)", 3L);
    row("max(1, 5, 3)", 5L);
    row("min([4, 2, 8])", 2L);
    row("keys({a: 1, b: 2})", List.of("a", "b"));
    row("values({a: 1, b: 2})", List.of(1L, 2L));
    row("first([7, 8])", 7L);
    row("last([7, 8])", 8L);
    row("reverse([1, 2, 3])", List.of(3L, 2L, 1L));
    row("fromJSON('{\"a\": [1, 2.5, \"x\", null, true]}')", map("a", java.util.Arrays.asList(1L, 2.5, "x", null, true)));
    row("fromJSON('[1, 2]')[1]", 2L);
    row("toJSON({b: [1, 2], a: 'x'})", "{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    2\n  ]\n}");
    row("toJSON('<tag>')", "\"\\u003ctag\\u003e\"");
    row("toJSON([])", "[]");
    row("toJSON(2.0)", "2");
  }

  /** Expressions as Tork's example jobs write them. */
  private void tork() {
    row("sequence(1, 5)", List.of(1L, 2L, 3L, 4L));
    row("sequence(3, 3)", List.of());
    row("sequence(5, 1)", List.of());
    row("len(sequence(0, 10000))", 10000L);
    row("randomInt(1)", 0L);
    row("randomInt(10) < 10", true);
    row("randomInt() >= 0", true);
    row("inputs.message", "hello world");
    row("inputs['message']", "hello world");
    row("upper(inputs.message)", "HELLO WORLD");
    row("int(inputs.count) + 1", 4L);
    row("sequence(1, int(inputs.count) + 1)", List.of(1L, 2L, 3L));
    row("split(inputs.csv, ',')", List.of("a", "b", "c"));
    row("inputs.flag == 'true'", true);
    row("tasks.greeting", "hi");
    row("tasks.greeting + ' there'", "hi there");
    row("tasks.flag", "false");
    row("tasks.greeting == 'hi' ? 'greeted' : 'silent'", "greeted");
    row("fromJSON(tasks.json).items", List.of(1L, 2L, 3L));
    row("fromJSON(tasks.json).name", "x");
    row("fromJSON(tasks.json).ok", true);
    row("fromJSON(tasks.json).ratio * 2", 1.0);
    row("len(fromJSON(tasks.json).items)", 3L);
    row("trim(tasks.padded)", "spaced");
    row("job.id", "j-1");
    row("job.name", "my job");
    row("'job ' + job.name + ' (' + job.id + ')'", "job my job (j-1)");
    row("tasks.absent", null);
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
