package dev.gantry.server.tork;

import dev.gantry.core.spec.JobDocuments.Format;
import dev.gantry.server.MediaType;
import dev.gantry.server.RequestRejectedException;
import java.util.Map;

/**
 * The content types a job may be submitted in. Tork takes JSON and YAML but rejects a charset
 * suffix; Gantry accepts one as long as it says UTF-8.
 */
final class JobDocumentTypes {

  private static final Map<String, Format> FORMATS = Map.of(
      "application/json", Format.JSON,
      "text/yaml", Format.YAML,
      "application/x-yaml", Format.YAML,
      "application/yaml", Format.YAML);
  private static final String ACCEPTED = "application/json, text/yaml, application/x-yaml or application/yaml";

  private JobDocumentTypes() {}

  static Format of(String contentType) {
    MediaType type = MediaType.parse(contentType);
    if (type == null) {
      throw new RequestRejectedException(415, "missing Content-Type: send the job as " + ACCEPTED);
    }
    Format format = FORMATS.get(type.type());
    if (format == null) {
      throw new RequestRejectedException(415, "unsupported Content-Type '" + abbreviated(type.type()) + "': send the job as " + ACCEPTED);
    }
    if (!type.isUtf8()) {
      throw new RequestRejectedException(415, "unsupported charset '" + abbreviated(type.charset()) + "': send the job as UTF-8");
    }
    return format;
  }

  private static String abbreviated(String s) {
    return s.length() > 100 ? s.substring(0, 100) + "..." : s;
  }
}
