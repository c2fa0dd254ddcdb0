package dev.gantry.server.outbound;

import dev.gantry.core.engine.Threads;
import dev.gantry.core.outbox.CallTargetPolicy;
import dev.gantry.core.spec.OutgoingHeaders;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A small HTTP/1.1 client for Gantry's outgoing POSTs that connects only where the
 * {@link CallTargetPolicy} allows: it resolves the host once, checks each address, and opens the
 * socket to a checked address itself, so no second lookup (a DNS rebinding) can send the request
 * elsewhere. TLS is layered on that socket with the host name for SNI and certificate checks.
 * Redirects are not followed: a 3xx is an answer like any other. (java.net.http resolves the host
 * itself and cannot be pinned to an address; Jetty's client could, but is not among the modules.)
 */
final class PinnedHttpClient {

  /** Resolves a host name to its addresses: the JDK's resolver, or a test's. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** The status line's code and text. */
  record Answer(int status, String reason) {}

  /** The call was not made: the target is not allowed. */
  static final class RefusedTarget extends Exception {
    RefusedTarget(String reason) {
      super(reason);
    }
  }

  /** A request body of known length. */
  interface Body {
    long length();

    void writeTo(OutputStream out) throws IOException;
  }

  private static final int MAX_HEAD = 64 * 1024;

  private final CallTargetPolicy policy;
  private final Resolver resolver;
  /** Closes the sockets of calls past their deadline: a write to a receiver that stops reading has no timeout of its own. */
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(Threads.named("gantry-outbox-deadline"));

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration deadline;

  /** {@code deadline}: the most a whole call may take, connecting, sending and reading the answer. */
  PinnedHttpClient(CallTargetPolicy policy, Resolver resolver, Duration connectTimeout, Duration readTimeout,
      Duration deadline) {
    this.policy = policy;
    this.resolver = resolver;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.deadline = deadline;
  }

  /** POSTs {@code body} to {@code url} with {@code headers}; returns the answer's status, whatever it is. */
  Answer post(URI url, Map<String, String> headers, Body body) throws IOException, RefusedTarget {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new RefusedTarget("the URL's scheme must be http or https");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw new RefusedTarget("the URL has no host");
    }
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int port = url.getPort() > 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    try (Socket socket = connect(bareHost, port)) {
      ScheduledFuture<?> cut = WATCHDOG.schedule(() -> closeQuietly(socket), deadline.toMillis(), TimeUnit.MILLISECONDS);
      try {
        socket.setSoTimeout((int) readTimeout.toMillis());
        Socket stream = scheme.equals("https") ? tls(socket, bareHost, port) : socket;
        OutputStream out = new BufferedOutputStream(stream.getOutputStream(), 16 * 1024);
        out.write(head(url, host, port, scheme, headers, body.length()).getBytes(StandardCharsets.UTF_8));
        body.writeTo(out);
        out.flush();
        return readStatus(stream.getInputStream());
      } catch (IOException e) {
        if (cut.isDone()) {
          throw new IOException("the call took longer than " + deadline.toSeconds() + "s and was cut off", e);
        }
        throw e;
      } finally {
        cut.cancel(false);
      }
    }
  }

  /** Resolves once, keeps the allowed addresses, connects to the first that answers. */
  private Socket connect(String host, int port) throws IOException, RefusedTarget {
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new UnknownHostException("the host " + host + " is not known");
    }
    List<InetAddress> allowed = new ArrayList<>();
    String refusal = null;
    for (InetAddress address : addresses) {
      String why = policy.refusal(address);
      if (why == null) {
        allowed.add(address);
      } else if (refusal == null) {
        refusal = why;
      }
    }
    if (allowed.isEmpty()) {
      boolean literal = addresses.length == 1 && addresses[0].getHostAddress().equalsIgnoreCase(host);
      throw new RefusedTarget("refused: " + (literal ? "" : host + " resolves to an address Gantry may not call: ") + refusal);
    }
    IOException last = null;
    for (InetAddress address : allowed) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
        return socket;
      } catch (IOException e) {
        socket.close();
        last = new IOException("could not connect to " + address.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
      }
    }
    throw last;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing to end a call that overran: nothing else to do
    }
  }

  private static Socket tls(Socket socket, String host, int port) throws IOException {
    SSLContext context;
    try {
      context = SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no TLS available: " + e.getMessage(), e);
    }
    SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, port, true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
    if (!host.contains(":") && !Character.isDigit(host.charAt(host.length() - 1))) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    tls.setSSLParameters(parameters);
    tls.startHandshake();
    return tls;
  }

  private static String head(URI url, String host, int port, String scheme, Map<String, String> headers, long length) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
    StringBuilder head = new StringBuilder("POST ").append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n")
        .append("Content-Length: ").append(length).append("\r\n")
        .append("Connection: close\r\n");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String refusal = OutgoingHeaders.framingRefusal(header.getKey(), header.getValue());
      if (refusal != null) {
        throw new IllegalArgumentException(refusal);
      }
      head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  /** Reads the status line and the headers after it (bounded); the body is not needed. */
  private static Answer readStatus(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int read = 0;
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the receiver closed the connection without an answer");
      }
      if (++read > MAX_HEAD) {
        throw new IOException("the receiver's status line is longer than " + MAX_HEAD + " bytes");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    String[] parts = line.toString().split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("the receiver did not answer in HTTP/1.x: '" + cut(line.toString()) + "'");
    }
    try {
      return new Answer(Integer.parseInt(parts[1]), parts.length > 2 ? cut(parts[2]) : "");
    } catch (NumberFormatException e) {
      throw new IOException("the receiver's status is not a number: '" + cut(line.toString()) + "'");
    }
  }

  private static String cut(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "...";
  }
}
