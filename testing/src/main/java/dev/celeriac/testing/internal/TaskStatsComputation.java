package dev.celeriac.testing.internal;

import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.QueueActivity;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.api.spi.TaskStats;
import dev.celeriac.api.spi.ThroughputBucket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Computes {@link TaskStats} and the activity per queue from the task records, as the PostgreSQL
 * aggregates do.
 */
final class TaskStatsComputation {
  private TaskStatsComputation() {}

  static TaskStats of(List<TaskRecord> records, Instant since) {
    Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
    Map<Instant, long[]> minutes = new TreeMap<>();
    List<Long> runMicros = new ArrayList<>();
    for (TaskRecord task : records) {
      counts.merge(task.state(), 1L, Long::sum);
      Instant finished = task.finishedAt();
      if (finished == null || finished.isBefore(since)) {
        continue;
      }
      long[] bucket =
          minutes.computeIfAbsent(finished.truncatedTo(ChronoUnit.MINUTES), m -> new long[3]);
      bucket[column(task.state())]++;
      if (task.startedAt() != null) {
        runMicros.add(ChronoUnit.MICROS.between(task.startedAt(), finished));
      }
    }
    List<ThroughputBucket> perMinute = new ArrayList<>();
    minutes.forEach((m, c) -> perMinute.add(new ThroughputBucket(m, c[0], c[1], c[2])));
    runMicros.sort(null);
    return new TaskStats(
        since,
        counts,
        perMinute,
        percentile(runMicros, 0.50),
        percentile(runMicros, 0.95),
        percentile(runMicros, 0.99));
  }

  /** Per queue, submissions and terminal finishes at or after {@code since}, by queue name. */
  static List<QueueActivity> queueActivity(List<TaskRecord> records, Instant since) {
    Map<String, long[]> queues = new TreeMap<>();
    for (TaskRecord task : records) {
      if (!task.submittedAt().isBefore(since)) {
        queues.computeIfAbsent(task.queue(), q -> new long[2])[0]++;
      }
      Instant finished = task.finishedAt();
      if (finished != null && task.state().isTerminal() && !finished.isBefore(since)) {
        queues.computeIfAbsent(task.queue(), q -> new long[2])[1]++;
      }
    }
    List<QueueActivity> activity = new ArrayList<>();
    queues.forEach((queue, c) -> activity.add(new QueueActivity(queue, c[0], c[1])));
    return activity;
  }

  private static int column(TaskState state) {
    return switch (state) {
      case SUCCEEDED -> 0;
      case FAILED, DEAD -> 1;
      default -> 2;
    };
  }

  // Linear interpolation between the closest ranks, as PostgreSQL's percentile_cont does.
  private static @Nullable Duration percentile(List<Long> sorted, double fraction) {
    if (sorted.isEmpty()) {
      return null;
    }
    double rank = fraction * (sorted.size() - 1);
    int low = (int) Math.floor(rank);
    int high = (int) Math.ceil(rank);
    double value = sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low);
    return Duration.of(Math.round(value), ChronoUnit.MICROS);
  }
}
