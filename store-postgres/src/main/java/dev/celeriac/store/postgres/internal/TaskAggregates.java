package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.QueueActivity;
import dev.celeriac.api.spi.TaskStats;
import dev.celeriac.api.spi.ThroughputBucket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The console's aggregates: statistics as three SQL queries in one read-only transaction snapshot,
 * and the activity per queue.
 */
public final class TaskAggregates {
  private static final String COUNTS = "SELECT state, count(*) FROM celeriac_tasks GROUP BY state";
  private static final String PER_MINUTE =
      "SELECT date_trunc('minute', finished_at) AS minute,"
          + " count(*) FILTER (WHERE state = 'SUCCEEDED'),"
          + " count(*) FILTER (WHERE state IN ('FAILED', 'DEAD')),"
          + " count(*) FILTER (WHERE state NOT IN ('SUCCEEDED', 'FAILED', 'DEAD'))"
          + " FROM celeriac_tasks WHERE finished_at >= ? GROUP BY 1 ORDER BY 1";
  // Run time in microseconds, interpolated between ranks.
  private static final String PERCENTILES =
      "SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP"
          + " (ORDER BY extract(epoch FROM finished_at - started_at) * 1000000)"
          + " FROM celeriac_tasks WHERE finished_at >= ? AND started_at IS NOT NULL";

  // Each branch is a range scan of its own index: (submitted_at, id) and the partial finished_at.
  private static final String QUEUE_ACTIVITY =
      "SELECT queue, sum(submitted), sum(completed) FROM ("
          + " SELECT queue, count(*) AS submitted, 0 AS completed FROM celeriac_tasks"
          + " WHERE submitted_at >= ? GROUP BY queue"
          + " UNION ALL"
          + " SELECT queue, 0, count(*) FROM celeriac_tasks"
          + " WHERE finished_at >= ? AND state IN "
          + Sql.TERMINAL_STATES
          + " GROUP BY queue) AS activity GROUP BY queue ORDER BY queue";

  private final DataSource dataSource;

  /** Reads through {@code dataSource}. */
  public TaskAggregates(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** See {@code TaskStatistics.stats}. */
  public TaskStats stats(Instant since) {
    return Jdbc.withConnection(
        dataSource,
        "computing task statistics",
        c -> {
          boolean autoCommit = c.getAutoCommit();
          c.setAutoCommit(false);
          c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
          try {
            TaskStats stats = read(c, since);
            c.commit();
            return stats;
          } finally {
            c.rollback();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(autoCommit);
          }
        });
  }

  /** See {@code TaskStatistics.queueActivity}. */
  public List<QueueActivity> queueActivity(Instant since) {
    return Jdbc.withConnection(
        dataSource,
        "computing queue activity",
        c -> {
          try (PreparedStatement select = c.prepareStatement(QUEUE_ACTIVITY)) {
            select.setObject(1, Sql.timestamp(since));
            select.setObject(2, Sql.timestamp(since));
            return TaskReads.collect(
                select, row -> new QueueActivity(row.getString(1), row.getLong(2), row.getLong(3)));
          }
        });
  }

  private static TaskStats read(Connection c, Instant since) throws SQLException {
    Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
    try (PreparedStatement select = c.prepareStatement(COUNTS);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        counts.put(TaskState.valueOf(rows.getString(1)), rows.getLong(2));
      }
    }
    List<ThroughputBucket> perMinute = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(PER_MINUTE)) {
      select.setObject(1, Sql.timestamp(since));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          perMinute.add(
              new ThroughputBucket(
                  java.util.Objects.requireNonNull(Sql.instant(rows, "minute")),
                  rows.getLong(2),
                  rows.getLong(3),
                  rows.getLong(4)));
        }
      }
    }
    Duration[] percentiles = new Duration[3];
    try (PreparedStatement select = c.prepareStatement(PERCENTILES)) {
      select.setObject(1, Sql.timestamp(since));
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        java.sql.Array array = rows.getArray(1);
        if (array != null) {
          Object[] values = (Object[]) array.getArray();
          for (int i = 0; i < 3; i++) {
            percentiles[i] = micros(values[i]);
          }
        }
      }
    }
    return new TaskStats(since, counts, perMinute, percentiles[0], percentiles[1], percentiles[2]);
  }

  private static @Nullable Duration micros(@Nullable Object value) {
    return value == null
        ? null
        : Duration.of(Math.round(((Number) value).doubleValue()), ChronoUnit.MICROS);
  }
}
