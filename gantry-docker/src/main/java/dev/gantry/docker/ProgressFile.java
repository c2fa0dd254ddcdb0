package dev.gantry.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What a running task last wrote to $TORK_PROGRESS: a number from 0 to 100. Asked every few
 * seconds, so it costs one stat (a HEAD, answered from the file's metadata) while the file is
 * empty or unchanged, and reads the file only when its size or time changed.
 */
final class ProgressFile {

  /** A progress is a short number; more is not one. */
  static final int MAX_BYTES = 64;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

  private final DockerClient client;
  private final DockerHttpClient http;
  private final String containerId;
  private String lastSeen = "";

  ProgressFile(DockerClient client, DockerHttpClient http, String containerId) {
    this.client = client;
    this.http = http;
    this.containerId = containerId;
  }

  /** The progress in the file when it changed since the last call; null when empty, unchanged, gone or not a progress. */
  Double readIfChanged() throws IOException {
    String seen = stat();
    if (seen == null || seen.equals(lastSeen)) {
      return null;
    }
    lastSeen = seen;
    try (InputStream archive = client.copyArchiveFromContainerCmd(containerId, TaskArchive.PROGRESS_PATH).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      TarArchiveEntry entry = tar.getNextTarEntry();
      if (entry == null || !entry.isFile()) {
        return null;
      }
      return parse(new String(tar.readNBytes(MAX_BYTES), StandardCharsets.UTF_8));
    } catch (NotFoundException removedByTheTask) {
      return null;
    }
  }

  /** {@code text} as a progress (Tork's: a decimal number, surrounding blanks ignored), null when it is not one from 0 to 100. */
  static Double parse(String text) {
    try {
      double value = Double.parseDouble(text.strip());
      return value >= 0 && value <= 100 ? value : null;
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /** The file's size and time, null when it is empty or not there. */
  private String stat() throws IOException {
    DockerHttpClient.Request head = DockerHttpClient.Request.builder().method("HEAD")
        .path("/containers/" + containerId + "/archive?path="
            + URLEncoder.encode(TaskArchive.PROGRESS_PATH, StandardCharsets.UTF_8))
        .build();
    try (DockerHttpClient.Response response = http.execute(head)) {
      String header = response.getHeader(STAT_HEADER);
      if (response.getStatusCode() != 200 || header == null) {
        return null;
      }
      JsonNode info = JSON.readTree(Base64.getDecoder().decode(header));
      long size = info.path("size").asLong();
      return size == 0 ? null : size + "@" + info.path("mtime").asText();
    }
  }
}
