package dev.celeriac.cli.internal;

import dev.celeriac.cli.Main;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Turns exceptions into {@link CliFailure}s: one line naming what failed and where. */
public final class Failures {
  private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

  private Failures() {}

  /** {@code url} with any {@code user:password@} hidden. */
  public static String redact(String url) {
    return USER_INFO.matcher(url).replaceFirst("//***@");
  }

  /**
   * The failure for {@code error}: itself if it already is one, a usage failure for an {@link
   * IllegalArgumentException}, otherwise a general failure with the messages of its causes.
   */
  public static CliFailure classify(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof CliFailure failure) {
        return failure;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    if (error instanceof IllegalArgumentException) {
      return new CliFailure(Main.EXIT_USAGE, oneLine(error), error);
    }
    return new CliFailure(Main.EXIT_FAILED, oneLine(error), error);
  }

  /** The failure for a service that could not be reached or refused us. */
  public static CliFailure unreachable(String what, String where, Throwable error) {
    return new CliFailure(
        Main.EXIT_UNAVAILABLE,
        "cannot reach " + what + " at " + redact(where) + ": " + reason(error),
        error);
  }

  /** Why a connection failed, in a few words: the root cause's kind and message. */
  public static String reason(Throwable error) {
    Throwable root = rootCause(error);
    if (root instanceof ConnectException) {
      return "connection refused";
    }
    if (root instanceof UnknownHostException) {
      return "unknown host " + root.getMessage();
    }
    if (root instanceof SocketTimeoutException) {
      return "no answer (timed out)";
    }
    if (root instanceof NoRouteToHostException) {
      return "no route to host";
    }
    return oneLine(error);
  }

  /** The deepest cause of {@code error}. */
  public static Throwable rootCause(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** The first SQL state found in {@code error}'s chain, or null. */
  public static @Nullable String sqlState(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** The messages of {@code error} and its causes, deduplicated, on one line. */
  public static String oneLine(Throwable error) {
    StringBuilder line = new StringBuilder();
    for (Throwable t = error; t != null && line.length() < 400; t = t.getCause()) {
      String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (line.indexOf(text) < 0) {
        line.append(line.isEmpty() ? "" : ": ").append(text);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return line.toString().replaceAll("\\s+", " ").strip();
  }
}
