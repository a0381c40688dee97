package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

/**
 * What happened in one queue since a point in time, from {@link TaskStatistics#queueActivity}: the
 * console divides by the window to show submitted and completed tasks per second.
 *
 * @param queue the queue
 * @param submitted tasks submitted to it at or after the window's start
 * @param completed its tasks that reached a terminal state at or after the window's start
 */
public record QueueActivity(String queue, long submitted, long completed) {
  /** Validates the fields. */
  public QueueActivity {
    requireNonNull(queue, "queue");
    if (submitted < 0 || completed < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, were " + submitted + " and " + completed);
    }
  }
}
