package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.gantry.client.JobSummary;
import dev.gantry.client.Page;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTableTest {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  private static List<String> print(String page, int asked) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JobTable.print(JSON.readValue(page, new TypeReference<Page<JobSummary>>() {}), asked, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void columnsLineUpAndOneJobIsOneJob() throws Exception {
    List<String> lines = print("""
        {"items": [
          {"id": "0190aaaaaaaaaaaaaaaaaaaaaaaaaaaa", "state": "COMPLETED", "createdAt": "2026-12-01T21:30:03.123456Z", "name": "a"},
          {"id": "0190bbbbbbbbbbbbbbbbbbbbbbbbbbbb", "state": "CANCELLED", "createdAt": "2026-12-01T21:30:04Z", "name": "b"}],
         "number": 1, "size": 20, "totalPages": 1, "totalItems": 2}""", 1);
    assertThat(lines.get(1)).isEqualTo("0190aaaaaaaaaaaaaaaaaaaaaaaaaaaa  COMPLETED  2026-12-01T21:30:03Z  a");
    assertThat(lines.get(2)).isEqualTo("0190bbbbbbbbbbbbbbbbbbbbbbbbbbbb  CANCELLED  2026-12-01T21:30:04Z  b");
    assertThat(lines.get(0).indexOf("CREATED")).isEqualTo(lines.get(1).indexOf("2026"));
    assertThat(lines.get(0).indexOf("NAME")).isEqualTo(lines.get(1).lastIndexOf("a"));
    assertThat(lines.get(3)).isEqualTo("page 1 of 1, 2 jobs");
    assertThat(print("""
        {"items": [{"id": "x", "state": "RUNNING", "createdAt": "2026-12-01T21:30:03Z", "name": "solo"}],
         "number": 1, "totalPages": 1, "totalItems": 1}""", 1)).last().isEqualTo("page 1 of 1, 1 job");
  }

  @Test
  void aPagePastTheEndSaysSo() throws Exception {
    assertThat(print("{\"items\": [], \"number\": 99, \"totalPages\": 1, \"totalItems\": 5}", 99))
        .containsExactly("page 99 is past the end: 5 jobs on 1 page");
    assertThat(print("{\"items\": [], \"number\": 1, \"totalPages\": 0, \"totalItems\": 0}", 1)).containsExactly("no jobs");
  }

  @Test
  void aNameCannotFakeARow() throws Exception {
    List<String> lines = print("""
        {"items": [{"id": "x", "state": "RUNNING", "createdAt": "2026-12-01T21:30:03Z",
          "name": "evil\\n0190ffffffffffffffffffffffffffff  COMPLETED  \\u001b[2J"}],
         "number": 1, "totalPages": 1, "totalItems": 1}""", 1);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).endsWith("evil\\n0190ffffffffffffffffffffffffffff  COMPLETED  \\e[2J");
  }
}
