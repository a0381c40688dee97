package dev.celeriac.api;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What task code may know about the attempt it runs in. Declare a parameter of this type on a
 * {@link Task} method to receive it; it is not an argument the caller passes.
 */
public interface TaskContext {
  /** The task id. */
  TaskId taskId();

  /** The task name. */
  String taskName();

  /** This attempt's number, 1 for the first. */
  int attempt();

  /** How many attempts the retry policy allows in all. */
  int maxAttempts();

  /** When this attempt will be interrupted, or null if it has no timeout. */
  @Nullable Instant deadline();

  /** The message headers. */
  Map<String, String> headers();

  /**
   * True once the attempt should stop: timed out, revoked, or the worker is shutting down. Long
   * loops should check it (an interrupt is sent as well).
   */
  boolean isCancelled();
}
