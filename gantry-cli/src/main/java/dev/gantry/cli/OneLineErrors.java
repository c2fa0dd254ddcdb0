package dev.gantry.cli;

import dev.gantry.client.GantryException;
import dev.gantry.store.StoreException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every command fails: one line {@code gantry: <what and what to do>} on stderr and exit code
 * {@value #EXIT_CODE}, never a stack trace, for a wrong option as for a start that cannot succeed.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

  static final int EXIT_CODE = 2;
  private static final Logger log = LoggerFactory.getLogger(OneLineErrors.class);

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    print(command.getErr(), messageOf(e));
    return EXIT_CODE;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    print(command.getErr(), e.getMessage() + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
    return EXIT_CODE;
  }

  /** The user's message of a failure: what Gantry's own checks said, or the unexpected failure in one line. */
  static String messageOf(Throwable e) {
    if (e instanceof GantryException failed) {
      return ApiFailures.describe(failed);
    }
    if (e instanceof CommandFailure || e instanceof IllegalArgumentException || e instanceof IllegalStateException
        || e instanceof StoreException) {
      return e.getMessage();
    }
    log.debug("unexpected failure", e);
    return "unexpected " + e + " (GANTRY_LOG_LEVEL=DEBUG logs where it came from)";
  }

  private static void print(PrintWriter err, String message) {
    String oneLine = String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    err.println("gantry: " + Terminal.line(oneLine));
    err.flush();
  }
}
