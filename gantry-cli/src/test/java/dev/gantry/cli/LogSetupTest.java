package dev.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {

  @Test
  void logbackFindsItAndLogsOneLinePerEventOnStderr() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
        stderr -> assertThat(stderr.getTarget()).isEqualTo("System.err"));
  }

  @Test
  void setsTheLevelsOnAFreshContext() {
    LoggerContext context = new LoggerContext();
    LogSetup setup = new LogSetup();
    setup.setContext(context);
    assertThat(setup.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    String level = System.getenv("GANTRY_LOG_LEVEL");
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.toLevel(level, Level.INFO));
    assertThat(context.getLogger("com.zaxxer.hikari").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger(LogSetup.JETTY_PARSER).getLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("dev.gantry").getEffectiveLevel()).isEqualTo(Level.toLevel(level, Level.INFO));
  }
}
