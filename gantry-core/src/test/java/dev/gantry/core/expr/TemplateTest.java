package dev.gantry.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a text splits into templates: several per text, text around them, and when a value keeps its type. */
class TemplateTest {

  private static final Map<String, Object> CONTEXT = Map.of("inputs", Map.of("who", "world"), "tasks", Map.of("n", "7"));

  private static Template parse(String text) {
    return ExpressionLanguage.standard().parse(text);
  }

  @Test
  void severalTemplatesWithTextAroundThem() {
    assertThat(parse("hello {{ inputs.who }}, {{ 1 + 1 }} times{{ '!' }}").render(CONTEXT)).isEqualTo("hello world, 2 times!");
    assertThat(parse("{{1}}{{2}}").render(CONTEXT)).isEqualTo("12");
  }

  @Test
  void aTextThatIsOneTemplateKeepsItsValuesType() {
    assertThat(parse("{{ [1, 2] }}").evaluate(CONTEXT)).isEqualTo(List.of(1L, 2L));
    assertThat(parse("  {{ [1, 2] }}").evaluate(CONTEXT)).isEqualTo("  [1 2]");
    assertThat(parse("{{ int(tasks.n) }}").evaluate(CONTEXT)).isEqualTo(7L);
    assertThat(parse("{{ 1 > 2 }}").evaluate(CONTEXT)).isEqualTo(false);
    assertThat(parse("{{ [1, 2] }}").render(CONTEXT)).isEqualTo("[1 2]");
  }

  @Test
  void valuesEnterTextAsTorkWritesThem() {
    assertThat(parse("{{ nil }} {{ true }} {{ 2.5 }} {{ 6 / 3 }} {{ 10 / 4 }} {{ 1e6 }} {{ 0.00001 }} {{ -0.5 }}").render(CONTEXT))
        .isEqualTo("<nil> true 2.5 2 2.5 1e+06 1e-05 -0.5");
    assertThat(parse("{{ {'b': [1, 'x'], 'a': nil} }}").render(CONTEXT)).isEqualTo("map[a:<nil> b:[1 x]]");
  }

  @Test
  void closingBracesInsideStringsAndMapsDoNotEndTheTemplate() {
    assertThat(parse("{{ '}}' }}").render(CONTEXT)).isEqualTo("}}");
    assertThat(parse("{{ \"a}}b\" + 'c' }}").render(CONTEXT)).isEqualTo("a}}bc");
    assertThat(parse("{{ {'a': {'b': 1}}.a.b }}").evaluate(CONTEXT)).isEqualTo(1L);
  }

  @Test
  void aTextWithoutTemplatesIsLiteral() {
    Template plain = parse("echo } and { and }} alone");
    assertThat(plain.isLiteral()).isTrue();
    assertThat(plain.render(Map.of())).isEqualTo("echo } and { and }} alone");
    assertThat(plain.names()).isEmpty();
    assertThat(parse("").render(Map.of())).isEmpty();
  }

  @Test
  void namesAreTheTopLevelNamesRead() {
    assertThat(parse("{{ upper(inputs.who) + tasks['n'] }} {{ {x: job.id}.x }} {{ 'inputs' }}").names())
        .containsExactly("inputs", "tasks", "job");
  }
}
