package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How many tasks finished in one minute.
 *
 * @param minute the start of the minute (UTC, seconds zero)
 * @param succeeded tasks that finished {@link dev.celeriac.api.TaskState#SUCCEEDED}
 * @param failed tasks that finished {@link dev.celeriac.api.TaskState#FAILED} or {@link
 *     dev.celeriac.api.TaskState#DEAD}
 * @param other tasks that finished otherwise (revoked, expired)
 */
public record ThroughputBucket(Instant minute, long succeeded, long failed, long other) {
  /** Validates the fields. */
  public ThroughputBucket {
    requireNonNull(minute, "minute");
    if (succeeded < 0 || failed < 0 || other < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** Every task that finished in the minute. */
  public long total() {
    return succeeded + failed + other;
  }
}
