package dev.gantry.docker;

import dev.gantry.core.spec.TaskSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Delivers a task's script inside the create call instead of as a copied {@link TaskArchive}. A copy
 * costs the engine a mount of the container's file system before it starts (about 55 ms a task on a
 * quiet 2-core machine, a fifth of a whole {@code true} task). Here a short shell prelude writes the
 * script and the output file where the archive puts them, with the same modes, and then runs the
 * script the way the archive path does ({@code sh -c /gantry/entrypoint}): the task cannot tell the
 * two apart.
 *
 * <p>Only for what the prelude can do: a script on the default shell ({@code sh -c}), no files, no
 * NUL byte, at most {@link #MAX_SCRIPT_BYTES} (Linux caps one argument at 128 KiB), in an image
 * whose user may create {@code /gantry} (root; the caller asks {@link ImageSource#runsAsRoot}).
 */
final class ScriptBoot {

  static final int MAX_SCRIPT_BYTES = 64 * 1024;

  private static final String PRELUDE = String.join(" && ",
      "mkdir -p /gantry",
      "printf '%s' \"$1\" > " + TaskArchive.SCRIPT_PATH,
      "chmod 755 " + TaskArchive.SCRIPT_PATH,
      "umask 0",
      ": > " + TaskArchive.OUTPUT_PATH, // world-writable, as in the archive
      ": > " + TaskArchive.PROGRESS_PATH,
      "umask 022",
      "exec " + TaskArchive.SCRIPT_PATH)
      + " || { echo 'gantry: could not write the script to /gantry in the container' >&2; exit 125; }";

  private ScriptBoot() {}

  /** True when the task's script can go in the create call (the image's user aside). */
  static boolean fits(TaskSpec task) {
    String script = task.run();
    return ContainerRequest.hasScript(task) && task.entrypoint().isEmpty() && task.files().isEmpty()
        && script.indexOf('\0') < 0
        && script.length() <= MAX_SCRIPT_BYTES && script.getBytes(StandardCharsets.UTF_8).length <= MAX_SCRIPT_BYTES;
  }

  /** The command after the {@code sh -c} entrypoint: the prelude, its $0, and the script as $1. */
  static List<String> command(String script) {
    return List.of(PRELUDE, "gantry", script);
  }
}
