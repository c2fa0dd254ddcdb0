package dev.gantry.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads what a task wrote to $GANTRY_OUTPUT (Tork's $TORK_OUTPUT): the run's result. */
final class ResultFile {

  /** A result is a short value for the next task or the API, not a data channel. */
  static final int MAX_BYTES = 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

  private ResultFile() {}

  /** The file's text from the stopped container, at most {@link #MAX_BYTES}; null when empty or gone. */
  static String read(DockerClient client, DockerHttpClient http, String containerId) {
    if (isEmpty(http, containerId)) {
      return null;
    }
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

  /**
   * True when the file is known to be empty or gone. Most tasks write no result, and the engine
   * answers a stat (HEAD, docker-java has no command for it) far faster than it builds an archive.
   * Anything unexpected answers false, and the archive is read as before.
   */
  private static boolean isEmpty(DockerHttpClient http, String containerId) {
    DockerHttpClient.Request stat = DockerHttpClient.Request.builder().method("HEAD")
        .path("/containers/" + containerId + "/archive?path=" + URLEncoder.encode(TaskArchive.OUTPUT_PATH, StandardCharsets.UTF_8))
        .build();
    try (DockerHttpClient.Response response = http.execute(stat)) {
      if (response.getStatusCode() == 404) {
        return true;
      }
      String header = response.getHeader(STAT_HEADER);
      if (response.getStatusCode() != 200 || header == null) {
        return false;
      }
      JsonNode info = JSON.readTree(Base64.getDecoder().decode(header));
      return info.path("size").isIntegralNumber() && info.path("size").asLong() == 0;
    } catch (IOException | RuntimeException unexpected) {
      return false;
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
