package dev.celeriac.worker.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** How the body of one attempt ended, before any policy decided what follows. */
public sealed interface AttemptResult {
  /** The method returned {@code value} (null for void methods). */
  record Returned(@Nullable Object value) implements AttemptResult {}

  /** The method threw {@code error} (already unwrapped from reflection). */
  record Threw(Throwable error) implements AttemptResult {}

  /**
   * The attempt passed its {@code timeout} and was interrupted; {@code stuckAt} is where its thread
   * was at that moment.
   */
  record TimedOut(Duration timeout, StackTraceElement[] stuckAt) implements AttemptResult {}

  /**
   * The task was revoked with terminate while the attempt ran; the body was interrupted, and
   * whatever it returns is discarded.
   */
  record Revoked() implements AttemptResult {}

  /**
   * The thread processing the delivery was interrupted while waiting for the body (the worker is
   * stopping); the body was interrupted too, and the outcome is unknown.
   */
  record Interrupted() implements AttemptResult {}
}
