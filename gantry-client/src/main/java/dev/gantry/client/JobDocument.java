package dev.gantry.client;

import java.util.Objects;

/**
 * A job (or definition) document to send as it is: YAML or JSON text with its content type.
 * {@link JobBuilder} makes one from code.
 */
public record JobDocument(String text, String contentType) {

  /** Both are required. */
  public JobDocument {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(contentType, "contentType");
  }

  /** A YAML document (Gantry's YAML reader also reads JSON). */
  public static JobDocument yaml(String text) {
    return new JobDocument(text, "text/yaml");
  }

  /** A JSON document. */
  public static JobDocument json(String text) {
    return new JobDocument(text, "application/json");
  }
}
