package dev.celeriac.api;

import org.jspecify.annotations.Nullable;

/**
 * A message envelope that cannot be decoded. Such a message is never retried: it is recorded and
 * dead-lettered with this exception's message.
 */
public class MalformedMessageException extends CeleriacException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the message. */
  public enum Problem {
    /** No bytes at all, or no JSON value in them (only whitespace or a byte-order mark). */
    EMPTY,
    /** Larger than the codec's size limit. */
    OVERSIZED,
    /** Not well-formed JSON (including truncated input and trailing garbage). */
    NOT_JSON,
    /** Well-formed JSON, but not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has the wrong JSON type. */
    WRONG_TYPE,
    /** A field has the right type but an impossible value. */
    INVALID_VALUE,
    /** The envelope version is one this build does not understand. */
    UNSUPPORTED_VERSION
  }

  private final Problem problem;
  private final @Nullable String field;

  /** A decoding failure of kind {@code problem} at {@code field} (null if not about one field). */
  public MalformedMessageException(Problem problem, @Nullable String field, String message) {
    super(message);
    this.problem = problem;
    this.field = field;
  }

  /** A decoding failure caused by {@code cause}. */
  public MalformedMessageException(
      Problem problem, @Nullable String field, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
    this.field = field;
  }

  /** What is wrong. */
  public Problem problem() {
    return problem;
  }

  /** The envelope field at fault, or null if the problem is not about one field. */
  public @Nullable String field() {
    return field;
  }
}
