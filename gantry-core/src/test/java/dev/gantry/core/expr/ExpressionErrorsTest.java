package dev.gantry.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Texts that do not parse or evaluate, and the message each gets: the reason, its column and the expression. */
class ExpressionErrorsTest {

  private static final Map<String, Object> CONTEXT = Map.of("inputs", Map.of("n", "x", "commas", ",".repeat(20_000)), "tasks", Map.of());

  private static final List<String[]> ERRORS = List.of(
      // parse errors
      new String[] {"{{ 1 + }}", "unexpected end of expression at column 4 of {{ 1 + }}"},
      new String[] {"{{ (1 + 2 }}", "expected ')', found end of expression at column 7 of {{ (1 + 2 }}"},
      new String[] {"{{ 1 + 2) }}", "unexpected ')' at column 6 of {{ 1 + 2) }}"},
      new String[] {"{{ 'open }}", "unterminated string at column 1 of {{ 'open }}"},
      new String[] {"{{ \"open\n\" }}", "unterminated string at column 1 of {{ \"open\n\" }}"},
      new String[] {"x {{ inputs.a", "'{{' without a closing '}}' at column 1 of {{ inputs.a }}"},
      new String[] {"{{ }}", "empty expression at column 1 of {{  }}"},
      new String[] {"{{ 1 # 2 }}", "unexpected character '#' at column 3 of {{ 1 # 2 }}"},
      new String[] {"{{ a. }}", "expected a name after '.', not end of expression at column 3 of {{ a. }}"},
      new String[] {"{{ [1, 2 }}", "expected ']', found end of expression at column 6 of {{ [1, 2 }}"},
      new String[] {"{{ {a 1} }}", "expected ':', found '1' at column 4 of {{ {a 1} }}"},
      new String[] {"{{ 1 ? 2 }}", "expected ':', found end of expression at column 6 of {{ 1 ? 2 }}"},
      new String[] {"{{ '\\q' }}", "invalid escape \\q at column 2 of {{ '\\q' }}"},
      new String[] {"{{ 99999999999999999999 }}", "integer 99999999999999999999 is out of range at column 1 of {{ 99999999999999999999 }}"},
      new String[] {"{{ 1e999 }}", "number 1e999 is out of range at column 1 of {{ 1e999 }}"},
      // evaluation errors
      new String[] {"{{ nope }}", "unknown name nope at column 1 of {{ nope }}"},
      new String[] {"{{ inputs.n.deeper }}", "cannot fetch deeper from string at column 9 of {{ inputs.n.deeper }}"},
      new String[] {"{{ inputs.none.deeper }}", "cannot fetch deeper from nil at column 12 of {{ inputs.none.deeper }}"},
      new String[] {"{{ tasks.build.result }}", "cannot fetch result from nil at column 12 of {{ tasks.build.result }}"},
      new String[] {"{{ 'a' + 1 }}", "invalid operation: string + int at column 5 of {{ 'a' + 1 }}"},
      new String[] {"{{ 1 % 0 }}", "integer divide by zero at column 3 of {{ 1 % 0 }}"},
      new String[] {"{{ 1.5 % 2 }}", "invalid operation: float % int at column 5 of {{ 1.5 % 2 }}"},
      new String[] {"{{ 9223372036854775807 + 1 }}", "integer overflow at column 21 of {{ 9223372036854775807 + 1 }}"},
      new String[] {"{{ [1][5] }}", "index out of range: 5 (length 1) at column 4 of {{ [1][5] }}"},
      new String[] {"{{ [1]['a'] }}", "cannot fetch a from array at column 4 of {{ [1]['a'] }}"},
      new String[] {"{{ 1 < 'a' }}", "invalid operation: int < string at column 3 of {{ 1 < 'a' }}"},
      new String[] {"{{ 1 && true }}", "invalid operation: && needs bool operands, not int at column 3 of {{ 1 && true }}"},
      new String[] {"{{ !'x' }}", "invalid operation: not string at column 1 of {{ !'x' }}"},
      new String[] {"{{ 1 ? 2 : 3 }}", "the condition of ?: must be a bool, not int at column 3 of {{ 1 ? 2 : 3 }}"},
      new String[] {"{{ 'a' in 'abc' }}", "invalid operation: string in string at column 5 of {{ 'a' in 'abc' }}"},
      new String[] {"{{ 'a' matches '(' }}", "invalid regular expression: Unclosed group at column 5 of {{ 'a' matches '(' }}"},
      new String[] {"{{ nosuch(1) }}", "unknown function nosuch at column 1 of {{ nosuch(1) }}"},
      new String[] {"{{ len(1) }}", "len: argument 1 must be a string, an array or a map, not int at column 1 of {{ len(1) }}"},
      new String[] {"{{ upper() }}", "upper takes 1 argument, not 0 at column 1 of {{ upper() }}"},
      new String[] {"{{ sequence(1) }}", "sequence takes 2 arguments, not 1 at column 1 of {{ sequence(1) }}"},
      new String[] {"{{ sequence('a', 2) }}", "sequence: argument 1 must be an int, not string at column 1 of {{ sequence('a', 2) }}"},
      new String[] {"{{ int('x1') }}", "int: 'x1' is not an integer at column 1 of {{ int('x1') }}"},
      new String[] {"{{ fromJSON('{') }}", "fromJSON: invalid JSON: Unexpected end-of-input: expected close marker for Object at column 1 of {{ fromJSON('{') }}"},
      new String[] {"{{ randomInt(0) }}", "randomInt: n must be positive, not 0 at column 1 of {{ randomInt(0) }}"},
      new String[] {"{{ 5 .. 'a' }}", "invalid operation: int .. string at column 3 of {{ 5 .. 'a' }}"},
      // limits
      new String[] {"{{ sequence(0, 2147483647) }}", "a list of 2147483647 items is more than the 10000 allowed at column 1 of {{ sequence(0, 2147483647) }}"},
      new String[] {"{{ 0..100000 }}", "a list of 100001 items is more than the 10000 allowed at column 2 of {{ 0..100000 }}"},
      new String[] {"{{ split(inputs.commas, ',') }}", "a list of 10001 items is more than the 10000 allowed at column 1 of {{ split(inputs.commas, ',') }}"},
      new String[] {"{{ fromJSON('" + "[".repeat(100) + "') }}", "fromJSON: invalid JSON: Document nesting depth (65) exceeds the maximum allowed (64, from `StreamReadConstraints.getMaxNestingDepth()`) at column 1 of {{ fromJSON('"
          + "[".repeat(90) + "... }}"});

  @TestFactory
  Stream<DynamicTest> everyTextFailsWithItsMessage() {
    return ERRORS.stream().map(e -> DynamicTest.dynamicTest(e[0].length() > 60 ? e[0].substring(0, 60) : e[0], () ->
        assertThatThrownBy(() -> ExpressionLanguage.standard().parse(e[0]).evaluate(CONTEXT))
            .isInstanceOf(ExpressionException.class)
            .hasMessage(e[1])));
  }

  @Test
  void deepNestingIsRefusedAtParseTimeWithoutOverflowingTheStack() {
    String deep = "{{ " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + " }}";
    assertThatThrownBy(() -> ExpressionLanguage.standard().parse(deep))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("expression is longer than 4096 characters at column 1");
    String nested = "{{ " + "(".repeat(70) + "1" + ")".repeat(70) + " }}";
    assertThatThrownBy(() -> ExpressionLanguage.standard().parse(nested))
        .hasMessageStartingWith("expression nests deeper than 64 levels at column ");
    String members = "{{ a" + ".b".repeat(100) + " }}";
    assertThatThrownBy(() -> ExpressionLanguage.standard().parse(members))
        .hasMessageStartingWith("expression nests deeper than 64 levels");
    String unary = "{{ " + "!".repeat(100) + "true }}";
    assertThatThrownBy(() -> ExpressionLanguage.standard().parse(unary))
        .hasMessageStartingWith("expression nests deeper than 64 levels");
  }

  @Test
  void stringGrowthStopsAtTheSizeLimit() {
    // Each doubling is one expression; the budget, not the heap, ends it.
    String grow = "{{ join(sequence(0, 10000), '" + "x".repeat(200) + "') }}";
    assertThatThrownBy(() -> ExpressionLanguage.standard().parse(grow).evaluate(CONTEXT))
        .hasMessageStartingWith("a string of 1048")
        .hasMessageContaining("characters is more than the 1048576 allowed");
    String replace = "{{ replace(replace(replace('" + "a".repeat(1000) + "', 'a', '" + "a".repeat(100)
        + "'), 'a', 'aaaaaaaaaa'), 'a', 'aa') }}";
    assertThatThrownBy(() -> ExpressionLanguage.standard().parse(replace).evaluate(CONTEXT))
        .hasMessageStartingWith("a string of 2000000 characters is more than the 1048576 allowed");
    String text = "{{ join(sequence(0, 5000), ',') }}".repeat(200);
    assertThatThrownBy(() -> ExpressionLanguage.standard().parse(text).evaluate(CONTEXT))
        .hasMessageStartingWith("the text is longer than 1048576 characters");
  }

  /** Java's regular expressions backtrack, unlike Go's: this one takes seconds to minutes unmetered. */
  @Test
  void aBacktrackingRegularExpressionRunsOutOfStepsQuickly() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> ExpressionLanguage.standard()
        .parse("{{ '" + "a".repeat(24) + "b".repeat(40) + "' matches '(.*a){25}' }}").evaluate(CONTEXT))
        .hasMessageStartingWith("evaluation takes more than 100000 steps");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void stepsAreBoundedAcrossNestedWork() {
    String many = "{{ " + String.join(" + ", java.util.Collections.nCopies(11, "len(sequence(0, 10000))")) + " }}";
    assertThatThrownBy(() -> ExpressionLanguage.standard().parse(many).evaluate(CONTEXT))
        .hasMessageStartingWith("evaluation takes more than 100000 steps");
  }
}
