package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTest {

  @Test
  void aLineCannotFakeRowsOrDriveTheTerminal() {
    assertThat(Terminal.line("ok\nFAKE  COMPLETED")).isEqualTo("ok\\nFAKE  COMPLETED");
    assertThat(Terminal.line("bar\rfoo")).isEqualTo("bar\\rfoo");
    assertThat(Terminal.line("\u001b[2J\u001b[Hcleared")).isEqualTo("\\e[2J\\e[Hcleared");
    assertThat(Terminal.line("bell\u0007 del\u007f c1\u009b")).isEqualTo("bell\\x07 del\\x7f c1\\x9b");
    assertThat(Terminal.line("tab\tsep\u2028bidi\u202e")).isEqualTo("tab\\tsep\\u2028bidi\\u202e");
  }

  @Test
  void outputKeepsItsLinesAndTabsAndEscapesTheRest() {
    assertThat(Terminal.output("one\n\ttwo\n")).isEqualTo("one\n\ttwo\n");
    assertThat(Terminal.output("50%\r100%\n\u001b]0;title\u0007")).isEqualTo("50%\\r100%\n\\e]0;title\\x07");
  }

  @Test
  void plainTextIsReturnedAsItIs() {
    String text = "héllo wörld, 日本";
    assertThat(Terminal.line(text)).isSameAs(text);
  }
}
