package dev.celeriac.cli.internal;

/**
 * A failure the person at the terminal can act on: its message is the one line printed (what failed
 * and where), and it carries the process exit code. No stack trace is filled in, since none is
 * shown unless {@code --verbose} asks for the cause's.
 */
public final class CliFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /** A failure with the one-line {@code message} and exit code {@code exitCode}. */
  public CliFailure(int exitCode, String message) {
    this(exitCode, message, null);
  }

  /** A failure with the one-line {@code message}, exit code {@code exitCode} and its cause. */
  public CliFailure(
      int exitCode, String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause, false, false);
    this.exitCode = exitCode;
  }

  /** The process exit code (see {@link dev.celeriac.cli.Main}). */
  public int exitCode() {
    return exitCode;
  }
}
