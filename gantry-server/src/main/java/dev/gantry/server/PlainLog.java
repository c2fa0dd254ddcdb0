package dev.gantry.server;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.LogPart;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The output exactly as the tasks printed it, stdout and stderr together, one line per line. */
public final class PlainLog implements LogFormat {

  public static final PlainLog INSTANCE = new PlainLog();

  private PlainLog() {}

  @Override
  public String contentType() {
    return "text/plain; charset=utf-8";
  }

  @Override
  public void part(LogPart part, OutputStream out) throws IOException {
    out.write(part.contents().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void end(Job job, OutputStream out) {
    // The end of the response is the end of the job.
  }
}
