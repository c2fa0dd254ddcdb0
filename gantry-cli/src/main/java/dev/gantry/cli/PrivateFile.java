package dev.gantry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A new file only its owner can read (the first admin token, the secret key): mode 0600 from its creation. */
final class PrivateFile {

  private PrivateFile() {}

  /**
   * Creates {@code file} (and its directory) holding {@code contents} and a newline; {@code what}
   * names it in the message of an IllegalStateException. Never overwrites: a file that appeared
   * meanwhile fails the start.
   */
  static void create(Path file, String contents, String what) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, contents + "\n", StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalStateException("the " + what + " file " + file + " appeared meanwhile: start again", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the " + what + " file " + file + ": " + e.getMessage(), e);
    }
  }
}
