package dev.gantry.core.expr;

import dev.gantry.core.expr.Token.Kind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens, as expr-lang's lexer does for the syntax Gantry supports. */
final class Lexer {

  private static final String[] OPERATORS = {
      "**", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "..",
      "+", "-", "*", "/", "%", "^", "<", ">", "!", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}"};

  private final String source;
  private final Limits limits;
  private int at;

  private Lexer(String source, Limits limits) {
    this.source = source;
    this.limits = limits;
  }

  static List<Token> tokens(String source, Limits limits) {
    return new Lexer(source, limits).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    int end = 0;
    while (true) {
      skipSpace();
      if (at >= source.length()) {
        // Right after the last token: "1 +" ends at column 4, whatever blanks follow.
        tokens.add(new Token(Kind.EOF, "", null, end + 1));
        return tokens;
      }
      tokens.add(next());
      end = at;
    }
  }

  private void skipSpace() {
    while (at < source.length() && Character.isWhitespace(source.charAt(at))) {
      at++;
    }
  }

  private Token next() {
    char c = source.charAt(at);
    int start = at;
    if (Character.isDigit(c) || (c == '.' && at + 1 < source.length() && Character.isDigit(source.charAt(at + 1)))) {
      return number();
    }
    if (c == '"' || c == '\'') {
      return string(c);
    }
    if (c == '`') {
      int end = source.indexOf('`', at + 1);
      if (end < 0) {
        throw error("unterminated string", start);
      }
      at = end + 1;
      return new Token(Kind.STRING, source.substring(start, at), checked(source.substring(start + 1, end), start), start + 1);
    }
    if (Character.isLetter(c) || c == '_' || c == '$') {
      while (at < source.length() && (Character.isLetterOrDigit(source.charAt(at)) || source.charAt(at) == '_'
          || source.charAt(at) == '$')) {
        at++;
      }
      return new Token(Kind.NAME, source.substring(start, at), null, start + 1);
    }
    for (String op : OPERATORS) {
      // "1..3" lexes as a range; "a?.b" as optional member access unless a digit follows (a ternary: x?.5:1).
      if (source.startsWith(op, at) && !(op.equals("?.") && at + 2 < source.length() && Character.isDigit(source.charAt(at + 2)))) {
        at += op.length();
        return new Token(Kind.OPERATOR, op, null, start + 1);
      }
    }
    throw error("unexpected character '" + printable(c) + "'", start);
  }

  private Token number() {
    int start = at;
    if (source.startsWith("0x", at) || source.startsWith("0X", at)) {
      at += 2;
      while (at < source.length() && (Character.digit(source.charAt(at), 16) >= 0 || source.charAt(at) == '_')) {
        at++;
      }
      return integer(source.substring(start + 2, at), 16, start);
    }
    boolean fraction = false;
    while (at < source.length()) {
      char c = source.charAt(at);
      if (Character.isDigit(c) || c == '_') {
        at++;
      } else if (c == '.' && !fraction && !source.startsWith("..", at)) {
        fraction = true;
        at++;
      } else if ((c == 'e' || c == 'E') && exponentFollows()) {
        fraction = true;
        at++;
        if (source.charAt(at) == '+' || source.charAt(at) == '-') {
          at++;
        }
      } else {
        break;
      }
    }
    String text = source.substring(start, at);
    if (fraction) {
      double value = Double.parseDouble(text.replace("_", ""));
      if (Double.isInfinite(value)) {
        throw error("number " + shorten(text) + " is out of range", start);
      }
      return new Token(Kind.NUMBER, text, value, start + 1);
    }
    return integer(text, 10, start);
  }

  private boolean exponentFollows() {
    int i = at + 1;
    if (i < source.length() && (source.charAt(i) == '+' || source.charAt(i) == '-')) {
      i++;
    }
    return i < source.length() && Character.isDigit(source.charAt(i));
  }

  private Token integer(String digits, int radix, int start) {
    String clean = digits.replace("_", "");
    if (clean.isEmpty()) {
      throw error("invalid number", start);
    }
    BigInteger value = new BigInteger(clean, radix);
    if (value.bitLength() > 63) {
      throw error("integer " + shorten(source.substring(start, at)) + " is out of range", start);
    }
    return new Token(Kind.NUMBER, source.substring(start, at), value.longValue(), start + 1);
  }

  private Token string(char quote) {
    int start = at;
    StringBuilder out = new StringBuilder();
    at++;
    while (true) {
      if (at >= source.length()) {
        throw error("unterminated string", start);
      }
      char c = source.charAt(at++);
      if (c == quote) {
        return new Token(Kind.STRING, source.substring(start, at), checked(out.toString(), start), start + 1);
      }
      if (c == '\n') {
        throw error("unterminated string", start);
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (at >= source.length()) {
        throw error("unterminated string", start);
      }
      char e = source.charAt(at++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\u000b');
        case '\\', '\'', '"', '`' -> out.append(e);
        case 'x' -> out.appendCodePoint(hex(2, at - 2));
        case 'u' -> out.appendCodePoint(hex(4, at - 2));
        case 'U' -> out.appendCodePoint(hex(8, at - 2));
        default -> throw error("invalid escape \\" + printable(e), at - 2);
      }
    }
  }

  private int hex(int digits, int escapeStart) {
    if (at + digits > source.length()) {
      throw error("invalid escape", escapeStart);
    }
    try {
      int cp = Integer.parseUnsignedInt(source.substring(at, at + digits), 16);
      if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
        throw error("invalid escape: not a character", escapeStart);
      }
      at += digits;
      return cp;
    } catch (NumberFormatException e) {
      throw error("invalid escape", escapeStart);
    }
  }

  private String checked(String value, int start) {
    if (value.length() > limits.maxString()) {
      throw error("string literal is longer than " + limits.maxString() + " characters", start);
    }
    return value;
  }

  private ExpressionException error(String reason, int index) {
    return new ExpressionException(reason, index + 1, source);
  }

  private static String printable(char c) {
    return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  private static String shorten(String text) {
    return text.length() <= 24 ? text : text.substring(0, 24) + "...";
  }
}
