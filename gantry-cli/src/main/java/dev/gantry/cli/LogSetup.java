package dev.gantry.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import java.util.List;

/**
 * Gantry's logging, set up in code (found by logback through META-INF/services): one line per
 * event on stderr, so that client commands' stdout stays clean for scripts. In code rather than a
 * logback.xml because parsing XML was a tenth of the start-up time. GANTRY_LOG_LEVEL sets the
 * level (default INFO); {@code -Dlogback.configurationFile=...} replaces all of it.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

  private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXX} %-5level [%thread] %logger{20} - %msg%n";
  /** Libraries whose INFO lines say nothing an operator of Gantry needs. */
  private static final List<String> QUIET = List.of(
      "com.zaxxer.hikari", "org.flywaydb", "org.eclipse.jetty", "io.javalin", "com.github.dockerjava", "org.apache.hc");

  static final String JETTY_PARSER = "org.eclipse.jetty.http.HttpParser";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getenv("GANTRY_LOG_LEVEL"), Level.INFO));
    root.addAppender(stderr);
    QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
    // Jetty's parser warns once per malformed request (URI or header too large...): a client's doing,
    // which a flood of them would turn into a flood of lines. Gantry's MalformedRequestLog counts them instead.
    context.getLogger(JETTY_PARSER).setLevel(Level.ERROR);
    context.addTurboFilter(new JavalinStartFailure());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * Javalin logs a failed start (a port in use) as an ERROR with its stack trace before it
   * throws; Gantry reports that failure itself, in one line, so this drops Javalin's.
   */
  private static final class JavalinStartFailure extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
      return level == Level.ERROR && "io.javalin.Javalin".equals(logger.getName()) && "Failed to start Javalin".equals(format)
          ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
  }
}
