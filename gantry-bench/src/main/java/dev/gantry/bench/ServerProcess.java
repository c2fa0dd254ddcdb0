package dev.gantry.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server started as its own OS process (the real gantry.jar, or the baseline), how long it took
 * to answer {@code GET /health} with 200, and its memory as the kernel sees it.
 */
final class ServerProcess implements AutoCloseable {

  /** As bin/gantry starts Gantry: the quick JIT only; a -XX:TieredStopAtLevel in GANTRY_JAVA_OPTS wins. */
  static final String QUICK_JIT_ONLY = "-XX:TieredStopAtLevel=1";
  /** bin/gantry's heap limit; an -Xmx in GANTRY_JAVA_OPTS, which comes later, wins. */
  static final String HEAP_LIMIT = "-Xmx512m";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path logFile;
  private final double startSeconds;

  private ServerProcess(Process process, int port, Path logFile, double startSeconds) {
    this.process = process;
    this.port = port;
    this.logFile = logFile;
    this.startSeconds = startSeconds;
  }

  /** Starts {@code command} (which must listen on {@code port}) and waits until /health answers 200. */
  static ServerProcess start(List<String> command, int port, Path logFile, Duration timeout) throws IOException, InterruptedException {
    return start(command, Map.of(), port, logFile, timeout);
  }

  /** As {@link #start(List, int, Path, Duration)}, with {@code env} added to the process's environment. */
  static ServerProcess start(List<String> command, Map<String, String> env, int port, Path logFile, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(logFile.getParent());
    long begin = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    long deadline = begin + timeout.toNanos();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(2)).build();
    try {
      while (true) {
        try {
          if (HTTP.send(health, BodyHandlers.discarding()).statusCode() == 200) {
            return new ServerProcess(process, port, logFile, (System.nanoTime() - begin) / 1e9);
          }
        } catch (ConnectException | HttpTimeoutException notYet) {
          // not listening yet, or listening but still starting (a loaded machine answers late)
        }
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(String.join(" ", command) + " did not become healthy within " + timeout
              + (process.isAlive() ? "" : " (it exited with " + process.waitFor() + ")") + "; its output:\n" + tail(logFile));
        }
        Thread.sleep(5);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly(); // a server that never became healthy must not outlive the bench
      throw e;
    }
  }

  /**
   * The java command that runs {@code jar} as bin/gantry would: its JIT and heap options, then GANTRY_JAVA_OPTS if set, and
   * with the class archive bin/gantry records next to the jar when there is one.
   */
  static List<String> javaJar(Path jar, String... args) {
    return javaJar(jar, true, args);
  }

  /** As {@link #javaJar(Path, String...)}, with or without the jar's class archive. */
  static List<String> javaJar(Path jar, boolean classArchive, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(QUICK_JIT_ONLY);
    command.add(HEAP_LIMIT);
    String opts = System.getenv("GANTRY_JAVA_OPTS");
    if (opts != null && !opts.isBlank()) {
      command.addAll(List.of(opts.trim().split("\\s+")));
    }
    Path archive = classArchive(jar);
    if (classArchive && Files.isRegularFile(archive)) {
      command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Where bin/gantry keeps the class archive of {@code jar}: beside it, .jsa for .jar. */
  static Path classArchive(Path jar) {
    return jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".jsa");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  /** Seconds from starting the process to the first healthy answer. */
  double startSeconds() {
    return startSeconds;
  }

  /** Resident memory now, in bytes (VmRSS). */
  long rssBytes() {
    return procStatus("VmRSS:");
  }

  /** The most resident memory the process ever had, in bytes (VmHWM, the kernel's high-water mark). */
  long peakRssBytes() {
    return procStatus("VmHWM:");
  }

  private long procStatus(String field) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
          .filter(l -> l.startsWith(field)).findFirst()
          .map(l -> Long.parseLong(l.replaceAll("\\D+", "")) * 1024).orElse(-1L);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Stops the process like a service manager would (SIGTERM), killing it if it does not exit in time. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  String logTail() {
    return tail(logFile);
  }
}
