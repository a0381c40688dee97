package dev.celeriac.worker.internal;

import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.RetryPolicy;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.TaskCompletion;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Turns a failed attempt into its completion: the next attempt, due after the policy's backoff, or
 * a final {@link TaskState#FAILED}. Thread-safe if its random generator is.
 */
public final class RetryDecider {
  private final RandomGenerator random;

  /** A decider that jitters backoffs with {@code random}. */
  public RetryDecider(RandomGenerator random) {
    this.random = random;
  }

  /**
   * The completion of {@code message}'s attempt that failed with {@code error} at {@code now}: in
   * {@code retryState} ({@link TaskState#RETRYING} or {@link TaskState#TIMED_OUT}) with the next
   * attempt's message when {@code policy} retries this error type and has attempts left, else
   * {@link TaskState#FAILED}.
   */
  public TaskCompletion afterFailure(
      TaskMessage message,
      RetryPolicy policy,
      Throwable error,
      TaskState retryState,
      Instant now,
      String workerId) {
    FailureInfo failure = FailureInfo.of(error);
    if (policy.retries(error.getClass()) && policy.hasAttemptsAfter(message.attempt())) {
      Instant eta = now.plus(policy.backoffBefore(message.attempt() + 1, random));
      return TaskCompletion.failed(
          message.id(),
          message.attempt(),
          retryState,
          failure,
          now,
          workerId,
          message.nextAttempt(eta));
    }
    return TaskCompletion.failed(
        message.id(), message.attempt(), TaskState.FAILED, failure, now, workerId, null);
  }
}
