package dev.gantry.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on 127.0.0.1 for email tests: speaks enough RFC 5321 (EHLO, HELO, MAIL, RCPT,
 * DATA, RSET, NOOP, QUIT) to take messages, and keeps each with its envelope. Its first
 * {@code busy} messages are answered {@code 451} at DATA's end (a temporary failure).
 */
public final class SmtpSink implements AutoCloseable {

  /** A message taken: its envelope, its headers (names in lower case, the first of each) and its body. */
  public record Message(String from, List<String> recipients, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final ServerSocket socket;
  private final Thread acceptor;
  private final AtomicInteger busyLeft;
  private final LinkedBlockingQueue<Message> taken = new LinkedBlockingQueue<>();

  public SmtpSink() {
    this(0);
  }

  public SmtpSink(int busy) {
    busyLeft = new AtomicInteger(busy);
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::accept, "smtp-sink");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  public String url() {
    return "smtp://127.0.0.1:" + port();
  }

  /** The next message taken within {@code wait}, or null. */
  public Message next(Duration wait) throws InterruptedException {
    return taken.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        client.setSoTimeout(10_000);
        converse(client);
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // One conversation failed: the next is served.
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = client.getOutputStream();
    say(out, "220 sink ESMTP");
    String from = null;
    List<String> recipients = new ArrayList<>();
    for (String line; (line = in.readLine()) != null; ) {
      String command = line.toUpperCase(Locale.ROOT);
      if (command.startsWith("EHLO")) {
        say(out, "250-sink\r\n250 8BITMIME");
      } else if (command.startsWith("HELO") || command.startsWith("NOOP")) {
        say(out, "250 ok");
      } else if (command.startsWith("MAIL FROM:")) {
        from = between(line);
        recipients.clear();
        say(out, "250 ok");
      } else if (command.startsWith("RCPT TO:")) {
        recipients.add(between(line));
        say(out, "250 ok");
      } else if (command.equals("DATA")) {
        say(out, "354 go on");
        StringBuilder data = new StringBuilder();
        for (String l; (l = in.readLine()) != null && !l.equals("."); ) {
          data.append(l.startsWith(".") ? l.substring(1) : l).append("\n");
        }
        if (busyLeft.getAndDecrement() > 0) {
          say(out, "451 try again later");
        } else {
          taken.add(parse(from, List.copyOf(recipients), data.toString()));
          say(out, "250 taken");
        }
      } else if (command.startsWith("RSET")) {
        recipients.clear();
        say(out, "250 ok");
      } else if (command.startsWith("QUIT")) {
        say(out, "221 bye");
        return;
      } else {
        say(out, "502 not implemented");
      }
    }
  }

  private static Message parse(String from, List<String> recipients, String data) {
    int end = data.indexOf("\n\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header : data.substring(0, end).split("\n")) {
      int colon = header.indexOf(':');
      headers.putIfAbsent(header.substring(0, colon).toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
    }
    return new Message(from, recipients, headers, data.substring(end + 2));
  }

  private static String between(String line) {
    return line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
  }

  private static void say(OutputStream out, String answer) throws IOException {
    out.write((answer + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing
    }
  }
}
