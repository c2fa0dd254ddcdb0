package dev.gantry.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskArchiveTest {

  @Test
  void holdsTheExecutableScriptTheWritableOutputFileAndTheFilesInTheWorkdir() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.txt", "A");
    files.put("sub/b.txt", "B");

    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    Map<String, String> contents = new LinkedHashMap<>();
    read(TaskArchive.build("echo hi", files, "/work/dir/"), entries, contents);

    assertThat(entries).containsOnlyKeys("gantry/", "gantry/entrypoint", "gantry/output", "gantry/progress", "work/dir/a.txt", "work/dir/sub/b.txt");
    assertThat(entries.get("gantry/entrypoint").getMode() & 0777).isEqualTo(0755);
    assertThat(entries.get("gantry/output").getMode() & 0777).isEqualTo(0666);
    assertThat(contents).containsEntry("gantry/entrypoint", "echo hi").containsEntry("gantry/output", "")
        .containsEntry("work/dir/sub/b.txt", "B");
  }

  @Test
  void withoutAScriptThereIsNoEntrypointFile() throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    read(TaskArchive.build(null, Map.of("f", "x"), "/"), entries, new LinkedHashMap<>());

    assertThat(entries).containsOnlyKeys("gantry/", "gantry/output", "gantry/progress", "f");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../up", "a/../../up", "/etc/passwd", "a\\b", " "})
  void refusesNamesThatLeaveTheWorkingDirectory(String name) {
    assertThatThrownBy(() -> TaskArchive.build("true", Map.of(name, "x"), "/shared"))
        .isInstanceOf(StartFailure.class)
        .hasMessageContaining("must be a relative path inside the working directory");
  }

  @Test
  void refusesARelativeWorkingDirectory() {
    assertThatThrownBy(() -> TaskArchive.build("true", Map.of(), "work")).isInstanceOf(StartFailure.class)
        .hasMessageContaining("not an absolute path");
  }

  private static void read(byte[] archive, Map<String, TarArchiveEntry> entries, Map<String, String> contents) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
      for (TarArchiveEntry e = tar.getNextTarEntry(); e != null; e = tar.getNextTarEntry()) {
        entries.put(e.getName(), e);
        contents.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
  }
}
