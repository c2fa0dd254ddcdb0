package dev.gantry.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar archive copied to a task's container before it starts, unpacked at {@code /}: the script,
 * the empty output file and the task's files in its working directory. Copying (instead of passing
 * the script on the command line) avoids argument-length and quoting limits.
 */
final class TaskArchive {

  static final String SCRIPT_PATH = "/gantry/entrypoint";
  static final String OUTPUT_PATH = "/gantry/output";
  /** Where a task writes its progress (Tork's {@code $TORK_PROGRESS}), read while it runs ({@link ProgressFile}). */
  static final String PROGRESS_PATH = "/gantry/progress";

  private TaskArchive() {}

  /**
   * Builds the archive. {@code script} may be null (the task runs a command); file names are
   * relative to {@code workdir}.
   *
   * @throws StartFailure when a file name would land outside the working directory
   */
  static byte[] build(String script, Map<String, String> files, String workdir) {
    if (!workdir.startsWith("/")) {
      throw new StartFailure("working directory '" + workdir + "' is not an absolute path");
    }
    files.keySet().forEach(TaskArchive::requireInside);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      directory(tar, "gantry/", 0755);
      if (script != null) {
        file(tar, relative(SCRIPT_PATH), script, 0755);
      }
      // World-writable, so a task running as a non-root user can still report its result.
      file(tar, relative(OUTPUT_PATH), "", 0666);
      file(tar, relative(PROGRESS_PATH), "", 0666);
      String base = relative(workdir);
      String prefix = base.isEmpty() || base.endsWith("/") ? base : base + "/";
      for (Map.Entry<String, String> f : files.entrySet()) {
        file(tar, prefix + f.getKey(), f.getValue(), 0644);
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen in memory
    }
    return bytes.toByteArray();
  }

  /** Defence in depth: the job validator already refuses such names. */
  private static void requireInside(String name) {
    if (name.isBlank() || name.startsWith("/") || name.contains("\\") || name.contains("\0")
        || List.of(name.split("/")).contains("..")) {
      throw new StartFailure("file name '" + name + "' must be a relative path inside the working directory");
    }
  }

  private static String relative(String absolute) {
    int start = 0;
    while (start < absolute.length() && absolute.charAt(start) == '/') {
      start++;
    }
    return absolute.substring(start);
  }

  private static void directory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode);
    entry.setModTime(new Date());
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, String content, int mode) throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
    entry.setSize(data.length);
    entry.setModTime(new Date());
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }
}
