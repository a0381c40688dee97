package dev.celeriac.cli;

import dev.celeriac.cli.internal.CommandFactory;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The entry point of the {@code celeriac} command ({@code bin/celeriac}, or {@code java -jar
 * celeriac.jar}). {@code celeriac --help} lists the subcommands; configuration comes from flags,
 * then {@code CELERIAC_…} environment variables, then a properties file (README, Configuration).
 *
 * <p>Exit codes: {@value #EXIT_OK} success; {@value #EXIT_FAILED} a task failed or was not found;
 * {@value #EXIT_USAGE} bad flags or arguments; {@value #EXIT_UNAVAILABLE} a service cannot be
 * reached or a port is in use; {@value #EXIT_NO_PERMISSION} credentials were rejected; {@value
 * #EXIT_CONFIG} the database has no Celeriac schema or the configuration is inconsistent.
 */
public final class Main {
  /** Success, or a long-running role stopped by SIGINT or SIGTERM. */
  public static final int EXIT_OK = 0;

  /** A submitted task failed, or a task or schedule was not found. */
  public static final int EXIT_FAILED = 1;

  /** Bad flags or arguments (picocli's usage error code). */
  public static final int EXIT_USAGE = 2;

  /** A broker, database or ZooKeeper cannot be reached, or a port is in use (EX_UNAVAILABLE). */
  public static final int EXIT_UNAVAILABLE = 69;

  /** A service rejected the configured credentials (EX_NOPERM). */
  public static final int EXIT_NO_PERMISSION = 77;

  /** The database has no Celeriac schema, or the configuration cannot work (EX_CONFIG). */
  public static final int EXIT_CONFIG = 78;

  private Main() {}

  /** Runs {@code celeriac} with {@code args} and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), stdout(), stderr()));
  }

  /**
   * Runs {@code celeriac} with {@code args} on the calling thread and returns its exit code. Output
   * goes to {@code out}, one-line errors to {@code err}; long-running subcommands block until the
   * process receives SIGINT or SIGTERM.
   *
   * @param env the environment to read {@code CELERIAC_…} variables from
   */
  public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    return CommandFactory.commandLine(args, env, out, err).execute(args);
  }

  // The command's output is its product, so it is written to the standard streams, not logged.
  private static PrintWriter stdout() {
    return new PrintWriter(System.out, true, StandardCharsets.UTF_8);
  }

  private static PrintWriter stderr() {
    return new PrintWriter(System.err, true, StandardCharsets.UTF_8);
  }
}
