package dev.gantry.server.outbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One SMTP conversation (RFC 5321): EHLO (HELO if refused), MAIL FROM, RCPT TO per recipient,
 * DATA with the message dot-stuffed, QUIT. A 4xx answer is a {@link Rejected} that may pass later,
 * a 5xx one that will not.
 */
final class SmtpClient {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** The server refused a command: {@code permanent} for a 5xx answer. */
  static final class Rejected extends IOException {
    final boolean permanent;

    Rejected(String command, String answer) {
      super("the SMTP server answered " + command + " with '" + answer + "'");
      this.permanent = answer.startsWith("5");
    }
  }

  private final SmtpSettings settings;

  SmtpClient(SmtpSettings settings) {
    this.settings = settings;
  }

  /** Sends {@code message} (headers and body, CRLF line ends) from the settings' sender to {@code recipients}. */
  void send(List<String> recipients, String message) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(settings.host(), settings.port()), (int) CONNECT_TIMEOUT.toMillis());
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      expect(in, "the greeting", "2");
      if (!command(in, out, "EHLO gantry").startsWith("2")) {
        expect(command(in, out, "HELO gantry"), "HELO", "2");
      }
      expect(command(in, out, "MAIL FROM:<" + settings.from() + ">"), "MAIL FROM", "2");
      for (String recipient : recipients) {
        expect(command(in, out, "RCPT TO:<" + recipient + ">"), "RCPT TO:<" + recipient + ">", "2");
      }
      expect(command(in, out, "DATA"), "DATA", "3");
      out.write(dotStuffed(message).getBytes(StandardCharsets.UTF_8));
      out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      expect(in, "the message", "2");
      command(in, out, "QUIT");
    }
  }

  /** {@code message} with a dot doubled at the start of each line, ending in CRLF. */
  static String dotStuffed(String message) {
    String text = message.endsWith("\r\n") ? message : message + "\r\n";
    return (text.startsWith(".") ? "." : "") + text.replace("\r\n.", "\r\n..");
  }

  private static String command(BufferedReader in, OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return answer(in);
  }

  private static void expect(BufferedReader in, String what, String success) throws IOException {
    expect(answer(in), what, success);
  }

  private static void expect(String answer, String what, String success) throws IOException {
    if (!answer.startsWith(success)) {
      throw new Rejected(what, answer);
    }
  }

  /** The last line of a (multi-line: {@code 250-...}) answer. */
  private static String answer(BufferedReader in) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("the SMTP server closed the connection");
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    return line;
  }
}
