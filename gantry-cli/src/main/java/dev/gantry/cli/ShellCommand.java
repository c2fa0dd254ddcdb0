package dev.gantry.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code gantry shell JOB}: an interactive shell in the environment a build kept (builds.sr.ht's
 * {@code ssh -t runner@host connect JOB}). On a terminal, the terminal is put in raw mode (every key
 * goes to the shell, Ctrl-C included) and set back after; piped input is typed as it comes.
 */
@Command(name = "shell", description = {"Open a shell in the environment a failed build (or one with shell: true) kept.",
    "Exits with the shell's exit code; type exit (or Ctrl-D) to leave."})
final class ShellCommand implements Callable<Integer> {

  @Mixin ClientOptions options;
  @Parameters(paramLabel = "JOB_ID", description = "the job's native id (the build's log names it)") String id;

  @Override
  public Integer call() throws IOException, InterruptedException {
    boolean terminal = System.console() != null;
    String saved = terminal ? stty("-g").strip() : null;
    int columns = 0;
    int rows = 0;
    if (terminal) {
      String[] size = stty("size").strip().split("\\s+");
      if (size.length == 2 && size[0].matches("\\d{1,4}") && size[1].matches("\\d{1,4}")) {
        rows = Integer.parseInt(size[0]);
        columns = Integer.parseInt(size[1]);
      }
      stty("raw", "-echo");
    }
    try {
      int code = options.client().shell(id, System.in, System.out, columns, rows);
      return code < 0 ? 1 : code;
    } finally {
      if (saved != null) {
        stty(saved);
        System.out.println();
      }
    }
  }

  /** Runs {@code stty} on this process's terminal; its output. */
  private static String stty(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("stty"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return new String(out, java.nio.charset.StandardCharsets.UTF_8);
  }
}
