package dev.celeriac.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/**
 * Builds the {@code celeriac} command line: the subcommands, configuration defaults from the
 * environment and the file, logging levels, and the handler that turns any failure into one line
 * and an exit code.
 */
public final class CommandFactory {
  private static final Logger log = LoggerFactory.getLogger(CommandFactory.class);

  private CommandFactory() {}

  /**
   * The command line for {@code args}, reading {@code env} and the configuration file; a file that
   * cannot be read yields a command line that reports it.
   */
  public static CommandLine commandLine(
      String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = bare();
    commandLine.setOut(out);
    commandLine.setErr(err);
    ConfigDefaults defaults;
    try {
      defaults = ConfigDefaults.of(List.of(args), env, Path.of("").toAbsolutePath());
    } catch (CliFailure failure) {
      commandLine.setExecutionStrategy(
          parseResult -> {
            err.println("celeriac: " + failure.getMessage());
            return failure.exitCode();
          });
      return commandLine;
    }
    commandLine.setDefaultValueProvider(defaults);
    commandLine.setExecutionStrategy(CommandFactory::execute);
    commandLine.setExecutionExceptionHandler(
        (error, failed, parseResult) -> {
          CliFailure failure = Failures.classify(error);
          failed
              .getErr()
              .println("celeriac " + failed.getCommandName() + ": " + failure.getMessage());
          if (verbose(parseResult)) {
            log.error("the failure's cause", error);
          }
          return failure.exitCode();
        });
    return commandLine;
  }

  /** The command line without configuration sources, for help and the reference table. */
  public static CommandLine bare() {
    return new CommandLine(new CeleriacCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  private static int execute(ParseResult parseResult) {
    Logging.starting(verbose(parseResult));
    return new RunLast().execute(parseResult);
  }

  /** Whether {@code --verbose} was given to the root or any subcommand. */
  static boolean verbose(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
      if (!p.hasSubcommand()) {
        break;
      }
    }
    return ((CeleriacCommand) parseResult.commandSpec().userObject()).verbose;
  }
}
