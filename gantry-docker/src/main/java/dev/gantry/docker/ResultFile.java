package dev.gantry.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads what a task wrote to $GANTRY_OUTPUT (Tork's $TORK_OUTPUT): the run's result. */
final class ResultFile {

  /** A result is a short value for the next task or the API, not a data channel. */
  static final int MAX_BYTES = 1024 * 1024;

  private ResultFile() {}

  /** The file's text from the stopped container, at most {@link #MAX_BYTES}; null when empty or gone. */
  static String read(DockerClient client, String containerId) {
    try (InputStream archive = client.copyArchiveFromContainerCmd(containerId, TaskArchive.OUTPUT_PATH).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      TarArchiveEntry entry = tar.getNextTarEntry();
      if (entry == null || !entry.isFile()) {
        return null;
      }
      byte[] bytes = readAtMost(tar, MAX_BYTES);
      return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    } catch (NotFoundException removedByTheTask) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while (out.size() < limit && (n = in.read(chunk, 0, Math.min(chunk.length, limit - out.size()))) > 0) {
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }
}
