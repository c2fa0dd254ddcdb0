package dev.gantry.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's answer to requests it rejects before any dialect sees them (URI or headers too long,
 * malformed request line): {@code {"message": ...}} instead of an HTML page. No dialect owns such
 * a request yet, so the native shape is used. Each rejection goes to {@link MalformedRequestLog}.
 */
final class TransportErrorHandler extends ErrorHandler {

  private final MalformedRequestLog malformed;

  TransportErrorHandler(MalformedRequestLog malformed) {
    this.malformed = malformed;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    malformed.rejected(status, reason);
    if (HttpStatus.hasNoBody(status)) {
      return ByteBuffer.allocate(0);
    }
    fields.put(HttpHeader.CONTENT_TYPE, JsonResponses.CONTENT_TYPE);
    return ByteBuffer.wrap(body(status, reason));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code, String message)
      throws IOException {
    response.setContentType(JsonResponses.CONTENT_TYPE);
    response.getOutputStream().write(body(code, message));
    baseRequest.setHandled(true);
  }

  private static byte[] body(int status, String reason) {
    return JsonResponses.bytes(Map.of("message", reason == null ? HttpStatus.getMessage(status) : reason));
  }
}
