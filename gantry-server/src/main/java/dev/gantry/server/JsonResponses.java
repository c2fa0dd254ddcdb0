package dev.gantry.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;

/**
 * Writes response bodies as JSON with one mapper configured once: ISO-8601 timestamps, null
 * fields left out. Views decide their own field names, so dialects share this mapper.
 */
public final class JsonResponses {

  public static final String CONTENT_TYPE = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private JsonResponses() {}

  public static void write(Context ctx, int status, Object body) {
    ctx.status(status).contentType(CONTENT_TYPE).result(bytes(body));
  }

  public static byte[] bytes(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write " + body.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The shared mapper, for tests and for dialects that need to read JSON. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
