package dev.gantry.docker;

import dev.gantry.core.job.LogPart.Stream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * A random shell script that prints awkward output: lines and partial lines, lone CRs and CRLFs,
 * UTF-8 and arbitrary bytes (NUL included), bursts, sometimes a 1 MiB line without newline, on both
 * streams, with a pause of up to 1.2 s before its last write, which comes right before it exits.
 * Knows what it prints when that is plain ASCII (what any log must then show byte for byte).
 */
record OutputScript(String text, Map<Stream, String> asciiOutput) {

  private static final int MIB = 1024 * 1024;

  static OutputScript random(Random random) {
    Builder script = new Builder();
    int writes = 1 + random.nextInt(8);
    for (int i = 0; i < writes; i++) {
      Stream stream = random.nextInt(3) == 0 ? Stream.STDERR : Stream.STDOUT;
      if (i == writes - 1) {
        script.sleep(random.nextInt(1201)); // the pause before the last write
      } else if (random.nextInt(4) == 0) {
        script.sleep(random.nextInt(100));
      }
      switch (random.nextInt(10)) {
        case 0 -> script.burst(stream, 1 + random.nextInt(200_000));
        case 1 -> script.longLine(stream, random.nextInt(3) == 0 ? MIB : 1 + random.nextInt(40_000));
        case 2 -> script.printf(stream, randomBytes(random));
        case 3 -> script.printf(stream, "caf\u00e9 \u20ac \uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8));
        default -> script.printf(stream, ascii(random));
      }
    }
    script.exit(random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0);
    return script.build();
  }

  /** Text with the line ends that matter: none, LF, CRLF, a lone CR. */
  private static byte[] ascii(Random random) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(6); i >= 0; i--) {
      text.append("w").append(random.nextInt(1000));
      text.append(switch (random.nextInt(5)) {
        case 0 -> "";
        case 1 -> "\r";
        case 2 -> "\r\n";
        default -> "\n";
      });
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[1 + random.nextInt(40)];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }

  private static final class Builder {
    private final StringBuilder text = new StringBuilder();
    private final Map<Stream, ByteArrayOutputStream> printed = new EnumMap<>(Stream.class);
    private final Map<Stream, Boolean> ascii = new EnumMap<>(Stream.class);

    Builder() {
      for (Stream stream : Stream.values()) {
        printed.put(stream, new ByteArrayOutputStream());
        ascii.put(stream, true);
      }
    }

    void sleep(int millis) {
      text.append(String.format("sleep %d.%03d%n", millis / 1000, millis % 1000));
    }

    /** printf with every byte that is not a letter or digit as a three-digit octal escape. */
    void printf(Stream stream, byte[] bytes) {
      text.append("printf '");
      for (byte b : bytes) {
        int value = b & 0xff;
        if (Character.isLetterOrDigit(value) && value < 0x80) {
          text.append((char) value);
        } else {
          text.append(String.format("\\%03o", value));
        }
        ascii.put(stream, ascii.get(stream) && value < 0x80 && value != 0);
      }
      text.append("'").append(redirect(stream)).append('\n');
      printed.get(stream).writeBytes(bytes);
    }

    /** Many short lines at once. */
    void burst(Stream stream, int bytes) {
      text.append("yes burst | head -c ").append(bytes).append(redirect(stream)).append('\n');
      printed.get(stream).writeBytes("burst\n".repeat(bytes / 6 + 1).substring(0, bytes).getBytes(StandardCharsets.US_ASCII));
    }

    /** One line of {@code bytes} without a newline. */
    void longLine(Stream stream, int bytes) {
      text.append("head -c ").append(bytes).append(" /dev/zero | tr '\\000' m").append(redirect(stream)).append('\n');
      printed.get(stream).writeBytes("m".repeat(bytes).getBytes(StandardCharsets.US_ASCII));
    }

    void exit(int code) {
      text.append("exit ").append(code).append('\n');
    }

    OutputScript build() {
      Map<Stream, String> known = new EnumMap<>(Stream.class);
      printed.forEach((stream, bytes) -> {
        if (ascii.get(stream)) {
          known.put(stream, bytes.toString(StandardCharsets.US_ASCII));
        }
      });
      return new OutputScript(text.toString(), Map.copyOf(known));
    }

    private static String redirect(Stream stream) {
      return stream == Stream.STDERR ? " >&2" : "";
    }
  }
}
