package dev.gantry.core.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Turns a request body (JSON or YAML) into a tree, with limits that keep hostile documents cheap:
 * nesting depth and document size. YAML aliases ({@code *name}) are refused: Jackson would read
 * one as the literal anchor name, silently changing the job, and expanding them invites
 * "billion laughs" documents.
 */
public final class JobDocuments {

  /** The document formats a job may be written in. */
  public enum Format { JSON, YAML }

  private static final int MAX_DEPTH = 64;
  private static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

  private static final StreamReadConstraints CONSTRAINTS =
      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_CODE_POINTS).build();
  // Anything after the document (`{...} trailing`, a second YAML document) is an error: read
  // leniently, it would be dropped without a word and the job would not be what was sent.
  private static final ObjectMapper JSON = new ObjectMapper(
      JsonFactory.builder().streamReadConstraints(CONSTRAINTS).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectMapper YAML = new ObjectMapper(yamlFactory()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JobDocuments() {}

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowDuplicateKeys(false);
    return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(CONSTRAINTS).build();
  }

  /** Parses the body; an unparseable one is an {@link InvalidJobException} saying where it breaks. */
  public static JsonNode parse(String body, Format format) {
    if (body == null || body.isBlank()) {
      throw new InvalidJobException("", "the request body is empty");
    }
    try {
      if (format == Format.YAML) {
        refuseAliases(body);
      }
      JsonNode node = (format == Format.JSON ? JSON : YAML).readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new InvalidJobException("", "the request body is empty");
      }
      return node;
    } catch (InvalidJobException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw new InvalidJobException("", "malformed " + format + ": " + firstLine(e.getOriginalMessage())
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    } catch (IOException | RuntimeException e) {
      // SnakeYAML reports limit violations (aliases, depth, size) as its own unchecked exceptions.
      throw new InvalidJobException("", "malformed " + format + ": " + firstLine(String.valueOf(e.getMessage())));
    }
  }

  private static void refuseAliases(String body) throws IOException {
    try (JsonParser parser = YAML.getFactory().createParser(body)) {
      while (parser.nextToken() != null) {
        if (((YAMLParser) parser).isCurrentAlias()) {
          throw new InvalidJobException(pathOf(parser), "YAML aliases (*" + parser.getText()
              + ") are not supported: write the value out");
        }
      }
    }
  }

  private static String pathOf(JsonParser parser) {
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
      String step = c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName() == null ? "" : "." + c.getCurrentName();
      path.insert(0, step);
    }
    return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
  }

  private static String firstLine(String message) {
    String line = message == null ? "unreadable document" : message.lines().findFirst().orElse(message);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
