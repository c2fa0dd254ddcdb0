package dev.gantry.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;

/** One run of the CLI in this JVM ({@code gantry ARGS --server URL}): its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun against(String server, String... args) {
    String[] withServer = Stream.concat(Arrays.stream(args), Stream.of("--server", server)).toArray(String[]::new);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int code = Main.run(withServer);
      return new CliRun(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
