package dev.gantry.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import dev.gantry.core.spi.SessionFailure;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The tar archives a session's files travel in, both ways. */
final class SessionFiles {

  private SessionFiles() {}

  /** One file at the absolute {@code path}, to unpack at {@code /}. */
  static byte[] archive(String path, byte[] content, int mode) {
    if (!path.startsWith("/") || path.contains("\0") || List.of(path.split("/")).contains("..") || path.endsWith("/")) {
      throw new IllegalArgumentException("'" + path + "' is not an absolute file path");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, StandardCharsets.UTF_8.name())) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry entry = new TarArchiveEntry(path.substring(1));
      entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | (mode & 07777));
      entry.setSize(content.length);
      entry.setModTime(new Date());
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen in memory
    }
    return bytes.toByteArray();
  }

  /** The one regular file the engine's archive of {@code path} holds, at most {@code maxBytes}. */
  static byte[] read(InputStream archive, String path, long maxBytes) {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      TarArchiveEntry entry = tar.getNextTarEntry();
      if (entry == null || !entry.isFile()) {
        throw new SessionFailure(path + ": not a regular file");
      }
      if (entry.getSize() > maxBytes) {
        throw new SessionFailure(path + ": " + entry.getSize() + " bytes, more than the limit of " + maxBytes);
      }
      return tar.readNBytes((int) entry.getSize());
    } catch (IOException e) {
      throw new SessionFailure("reading " + path + " from the session failed: " + e.getMessage(), e);
    }
  }
}
