package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates over the stored tasks, for dashboards.
 *
 * @param since the start of the window of {@link #perMinute} and the percentiles
 * @param counts how many stored tasks are in each state (every state present, zero if none)
 * @param perMinute the tasks finished per minute since {@code since}, oldest first; minutes in
 *     which nothing finished are absent
 * @param p50 the median run time (start of the latest attempt to finish) of tasks that finished
 *     since {@code since}, or null if none did
 * @param p95 the 95th percentile of that run time, or null
 * @param p99 the 99th percentile of that run time, or null
 */
public record TaskStats(
    Instant since,
    Map<TaskState, Long> counts,
    List<ThroughputBucket> perMinute,
    @Nullable Duration p50,
    @Nullable Duration p95,
    @Nullable Duration p99) {

  /** Validates the fields and fills states without tasks with zero. */
  public TaskStats {
    requireNonNull(since, "since");
    var all = new EnumMap<TaskState, Long>(TaskState.class);
    for (TaskState state : TaskState.values()) {
      all.put(state, 0L);
    }
    all.putAll(requireNonNull(counts, "counts"));
    counts = java.util.Collections.unmodifiableMap(all);
    perMinute = List.copyOf(requireNonNull(perMinute, "perMinute"));
  }
}
