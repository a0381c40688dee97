package dev.celeriac.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How a failed task is retried: pure functions of the attempt number, so they are tested without
 * waiting.
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param initialBackoff the wait before the first retry
 * @param multiplier how much longer each following wait is, at least 1
 * @param maxBackoff the longest wait
 * @param jitter whether each wait is spread randomly over [0.5, 1.0] of its value, so retries of
 *     many tasks that failed together do not arrive together
 * @param retryOn retry only these exception types; empty for all
 * @param neverRetryOn never retry these exception types; wins over {@code retryOn}
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    double multiplier,
    Duration maxBackoff,
    boolean jitter,
    List<Class<? extends Throwable>> retryOn,
    List<Class<? extends Throwable>> neverRetryOn) {

  /** No retries: one attempt. */
  public static final RetryPolicy NONE =
      new RetryPolicy(
          1, Duration.ofSeconds(1), 1, Duration.ofSeconds(1), false, List.of(), List.of());

  /** Validates the policy; each violation names the field. */
  public RetryPolicy {
    requireNonNull(initialBackoff, "initialBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    retryOn = List.copyOf(requireNonNull(retryOn, "retryOn"));
    neverRetryOn = List.copyOf(requireNonNull(neverRetryOn, "neverRetryOn"));
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff must not be negative: " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "multiplier must be a finite number >= 1, was " + multiplier);
    }
  }

  /**
   * Reads a {@link Retry} annotation.
   *
   * @throws IllegalArgumentException naming the attribute if it is invalid
   */
  public static RetryPolicy from(Retry retry) {
    String backoff = retry.backoff();
    String[] range = backoff.split("\\.\\.", -1);
    if (range.length != 2) {
      throw new IllegalArgumentException(
          "backoff must be 'initial..max' such as '1s..1m', was '" + backoff + "'");
    }
    Duration initial = backoffBound(backoff, range[0]);
    Duration max = backoffBound(backoff, range[1]);
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff '"
              + backoff
              + "': max "
              + range[1].strip()
              + " is shorter than initial "
              + range[0].strip());
    }
    return new RetryPolicy(
        retry.maxAttempts(),
        initial,
        retry.multiplier(),
        max,
        retry.jitter(),
        List.of(retry.on()),
        List.of(retry.never()));
  }

  private static Duration backoffBound(String backoff, String bound) {
    try {
      return DurationFormat.parse(bound);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("backoff '" + backoff + "': " + e.getMessage(), e);
    }
  }

  /** Whether an attempt number {@code attempt} that failed leaves room for another. */
  public boolean hasAttemptsAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /**
   * Whether a failure of type {@code errorType} is worth retrying, going by {@code retryOn} and
   * {@code neverRetryOn} (attempt counts are {@link #hasAttemptsAfter}'s business).
   */
  public boolean retries(Class<? extends Throwable> errorType) {
    if (neverRetryOn.stream().anyMatch(t -> t.isAssignableFrom(errorType))) {
      return false;
    }
    return retryOn.isEmpty() || retryOn.stream().anyMatch(t -> t.isAssignableFrom(errorType));
  }

  /**
   * The wait before attempt {@code nextAttempt} (2 for the first retry): {@code initialBackoff ×
   * multiplier^(nextAttempt-2)}, capped at {@code maxBackoff}, then jittered with {@code random}
   * when {@code jitter} is on.
   */
  public Duration backoffBefore(int nextAttempt, RandomGenerator random) {
    if (nextAttempt < 2) {
      throw new IllegalArgumentException("retries start at attempt 2, was " + nextAttempt);
    }
    double initialMillis = initialBackoff.toMillis();
    double maxMillis = maxBackoff.toMillis();
    double raw = initialMillis * Math.pow(multiplier, nextAttempt - 2);
    double capped = Math.min(raw, maxMillis);
    double waited = jitter ? capped * (0.5 + 0.5 * random.nextDouble()) : capped;
    return Duration.ofMillis(Math.round(waited));
  }
}
