package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.expr.ExpressionException;
import dev.gantry.core.expr.ExpressionLanguage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets: templates place references, the worker reveals values, and nothing shows them. */
class SecretsTest {

  private static final Map<String, String> SECRETS = Map.of("token", "s3cr3t", "longer", "s3cr3t-and-more");
  private static final Map<String, Object> CONTEXT = Map.of("secrets", Secrets.references(SECRETS));

  private static Object evaluate(String text) {
    return ExpressionLanguage.standard().parse(text).evaluate(CONTEXT);
  }

  @Test
  void aTemplateNeverSeesTheValue() {
    String placed = (String) evaluate("Bearer {{ secrets.token }}");
    assertThat(placed).startsWith("Bearer ").doesNotContain("s3cr3t");
    assertThat(Secrets.hasReference(placed)).isTrue();
    assertThat(evaluate("{{ secrets.token == 's3cr3t' }}")).isEqualTo(false);
  }

  @Test
  void noExpressionComputesWithASecret() {
    assertThatThrownBy(() -> evaluate("{{ secrets.token + 'x' }}")).isInstanceOf(ExpressionException.class)
        .hasMessage("invalid operation: secret + string at column 15 of {{ secrets.token + 'x' }}");
    assertThatThrownBy(() -> evaluate("{{ len(secrets.token) }}"))
        .hasMessageStartingWith("len: argument 1 must be a string, an array or a map, not secret");
    assertThatThrownBy(() -> evaluate("{{ secrets.token matches '^s' }}"))
        .hasMessageStartingWith("invalid operation: secret matches string");
    assertThatThrownBy(() -> evaluate("{{ secrets.token[0] }}")).hasMessageStartingWith("cannot fetch 0 from secret");
  }

  @Test
  void theWorkerRevealsValuesInEnvCmdAndEntrypointOnly() {
    TaskSpec task = new TaskSpec("t", null, "busybox", "true", List.of("echo", ExpressionLanguage.standard().parse("{{ secrets.token }}").render(CONTEXT)),
        List.of(), Map.of("AUTH", (String) evaluate("Bearer {{ secrets.longer }}")), Map.of(), null, null, 0, null, null,
        null);
    TaskSpec revealed = Secrets.reveal(task, SECRETS);
    assertThat(revealed.env()).containsEntry("AUTH", "Bearer s3cr3t-and-more");
    assertThat(revealed.cmd()).containsExactly("echo", "s3cr3t");
  }

  @Test
  void masksEveryValueLongestFirst() {
    assertThat(Secrets.mask("a s3cr3t-and-more b s3cr3t c", SECRETS)).isEqualTo("a [REDACTED] b [REDACTED] c");
    assertThat(Secrets.mask(null, SECRETS)).isNull();
    assertThat(Secrets.mask("s3cr3t", Map.of())).isEqualTo("s3cr3t");
    assertThat(Secrets.mask("anything", Map.of("empty", ""))).isEqualTo("anything");
  }

  @Test
  void anUnfinishedTailIsTheLongestStartOfAValue() {
    assertThat(Secrets.unfinishedTail("output s3cr", SECRETS)).isEqualTo(4);
    assertThat(Secrets.unfinishedTail("output s3cr3t-an", SECRETS)).isEqualTo(9);
    assertThat(Secrets.unfinishedTail("output done", SECRETS)).isZero();
    assertThat(Secrets.unfinishedTail("s", Map.of())).isZero();
  }
}
