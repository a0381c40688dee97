package dev.celeriac.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels for the command. Without {@code --verbose} nothing is logged while a command starts,
 * so a failure is the one line the command prints, not a library's stack trace; long-running roles
 * then log Celeriac's warnings. With {@code --verbose} everything from INFO up is logged.
 */
public final class Logging {
  private Logging() {}

  /** Sets the levels for a command about to run. */
  public static void starting(boolean verbose) {
    root().setLevel(verbose ? Level.INFO : Level.OFF);
    if (verbose) {
      for (String chatty : new String[] {"kafka", "org.apache.kafka", "org.apache.zookeeper"}) {
        logger(chatty).setLevel(Level.WARN);
      }
    }
  }

  /** Lets a long-running role, now started, log warnings and errors. */
  public static void running(boolean verbose) {
    if (!verbose) {
      root().setLevel(Level.ERROR);
      logger("dev.celeriac").setLevel(Level.WARN);
      // Clients log reconnect attempts at ERROR while a service restarts; the role retries.
      logger("org.apache.kafka").setLevel(Level.OFF);
      logger("kafka").setLevel(Level.OFF);
      logger("org.apache.zookeeper").setLevel(Level.OFF);
      logger("org.apache.curator").setLevel(Level.OFF);
    }
  }

  private static Logger root() {
    return logger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static Logger logger(String name) {
    return (Logger) LoggerFactory.getLogger(name);
  }
}
