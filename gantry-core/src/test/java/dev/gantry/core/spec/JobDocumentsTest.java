package dev.gantry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.core.spec.JobDocuments.Format;
import org.junit.jupiter.api.Test;

/** A job document is exactly one document: nothing after it is silently dropped. */
class JobDocumentsTest {

  @Test
  void jsonWithSomethingAfterTheDocumentIsRejected() {
    assertThatThrownBy(() -> JobDocuments.parse("{\"name\":\"a\"} trailing", Format.JSON))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> JobDocuments.parse("{\"name\":\"a\"}{\"name\":\"b\"}", Format.JSON))
        .isInstanceOf(InvalidJobException.class);
  }

  @Test
  void aSecondYamlDocumentIsRejected() {
    assertThatThrownBy(() -> JobDocuments.parse("name: a\n---\nname: b\n", Format.YAML))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("malformed YAML");
  }

  @Test
  void trailingWhitespaceAndAnExplicitDocumentEndAreFine() {
    assertThat(JobDocuments.parse("{\"name\":\"a\"}\n  \n", Format.JSON).path("name").asText()).isEqualTo("a");
    assertThat(JobDocuments.parse("---\nname: a\n...\n", Format.YAML).path("name").asText()).isEqualTo("a");
  }
}
