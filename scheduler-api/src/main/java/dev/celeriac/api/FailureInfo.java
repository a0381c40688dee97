package dev.celeriac.api;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.jspecify.annotations.Nullable;

/**
 * A failure as data, so it can cross process boundaries and be stored: the exception's type, its
 * message and its stack trace as text.
 *
 * @param type the exception's fully qualified class name, or a Celeriac reason such as {@code
 *     celeriac.UnknownTask}
 * @param message the exception's message, or null if it had none
 * @param stackTrace the printed stack trace, or an empty string
 */
public record FailureInfo(String type, @Nullable String message, String stackTrace) {
  /** Validates the fields. */
  public FailureInfo {
    requireNonNull(type, "type");
    requireNonNull(stackTrace, "stackTrace");
  }

  /** Captures {@code error}'s type, message and stack trace. */
  public static FailureInfo of(Throwable error) {
    var text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return new FailureInfo(error.getClass().getName(), error.getMessage(), text.toString());
  }

  /** A failure that is not an exception, such as an unknown task name; no stack trace. */
  public static FailureInfo reason(String type, String message) {
    return new FailureInfo(type, message, "");
  }

  /** {@code type: message}, the one-line form. */
  public String summary() {
    return message == null ? type : type + ": " + message;
  }
}
