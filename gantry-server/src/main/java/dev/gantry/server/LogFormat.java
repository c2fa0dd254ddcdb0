package dev.gantry.server;

import dev.gantry.core.job.Job;
import dev.gantry.core.job.LogPart;
import java.io.IOException;
import java.io.OutputStream;

/** How a dialect writes a live log stream: each part as it comes, then the job's end. */
public interface LogFormat {

  /** The response's content type. */
  String contentType();

  void part(LogPart part, OutputStream out) throws IOException;

  /** Written once, after the last part, when the job has ended. */
  void end(Job job, OutputStream out) throws IOException;

  /**
   * Written when nothing else was for a while, so that proxies keep the connection and a client
   * that went away is noticed; null when the format has no such thing (plain text).
   */
  default byte[] keepAlive() {
    return null;
  }
}
