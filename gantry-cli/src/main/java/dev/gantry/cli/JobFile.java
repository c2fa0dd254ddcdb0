package dev.gantry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The job document {@code submit} sends: a file, or stdin for {@code -}. */
final class JobFile {

  private JobFile() {}

  static String read(String file) {
    try {
      return file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new CommandFailure("cannot read " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new CommandFailure("cannot read " + file + ": permission denied");
    } catch (IOException e) {
      throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** JSON for a .json file, YAML (which reads JSON too) for anything else. */
  static String contentType(String file) {
    return file.endsWith(".json") ? "application/json" : "text/yaml";
  }
}
