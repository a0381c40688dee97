package dev.celeriac.worker;

import dev.celeriac.api.TaskMessage;
import java.time.Duration;
import java.time.Instant;

/**
 * Hears about the attempts an {@link AttemptProcessor} runs, for statistics and metrics. Both
 * methods run on the thread that processes the delivery, for every delivery concurrently: they must
 * be thread-safe, fast and must not block; an exception they throw is logged and ignored.
 */
public interface AttemptListener {
  /** A listener that does nothing; the default. */
  AttemptListener NONE = new AttemptListener() {};

  /**
   * The attempt in {@code message} was recorded as started at {@code startedAt} and its body is
   * about to run. Not called for deliveries that end before (dead letters, expired, rescheduled,
   * already finished).
   */
  default void attemptStarted(TaskMessage message, Instant startedAt) {}

  /**
   * An attempt that {@link #attemptStarted started} ended with {@code outcome} after {@code
   * duration} (from its start to the end of its body, store writes excluded). {@code outcome} is
   * {@link DeliveryOutcome#RELEASED} if the worker stopped it.
   */
  default void attemptFinished(TaskMessage message, DeliveryOutcome outcome, Duration duration) {}
}
