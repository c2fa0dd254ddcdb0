package dev.gantry.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as UTF-8 text, never more than a limit. The limit is enforced on the bytes
 * actually read, so a chunked body without Content-Length is capped as well (Javalin's own check
 * only looks at the declared length).
 */
public final class RequestBody {

  private RequestBody() {}

  /** The body as text; 413 when over {@code maxBytes}, 400 when it is not valid UTF-8. */
  public static String utf8(Context ctx, long maxBytes) {
    if (ctx.req().getContentLengthLong() > maxBytes) {
      throw tooLarge(maxBytes);
    }
    byte[] bytes = readAtMost(ctx, maxBytes);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RequestRejectedException(400, "the request body is not valid UTF-8");
    }
  }

  private static byte[] readAtMost(Context ctx, long maxBytes) {
    int cap = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] bytes = in.readNBytes(cap);
      if (bytes.length == cap && in.read() != -1) {
        throw tooLarge(maxBytes);
      }
      return bytes;
    } catch (IOException e) {
      throw new RequestRejectedException(400, "could not read the request body: " + e.getMessage());
    }
  }

  private static RequestRejectedException tooLarge(long maxBytes) {
    return new RequestRejectedException(413, "the request body is larger than the limit of " + maxBytes + " bytes");
  }
}
