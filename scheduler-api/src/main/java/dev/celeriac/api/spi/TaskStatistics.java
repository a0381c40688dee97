package dev.celeriac.api.spi;

import java.time.Instant;
import java.util.List;

/**
 * Aggregates a {@link TaskStore} computes over its tasks for the console's overview: counts by
 * state, throughput per minute, run-time percentiles and activity per queue. A store computes them
 * where the data is (for PostgreSQL, SQL aggregates) so the console never loads every task.
 *
 * <p>Thread-safe; implementations throw their own unchecked exception when the storage cannot be
 * reached.
 *
 * <p>Stability: may change between minor versions; every implementation runs {@code
 * OperatorStoreContractTest} from the {@code celeriac-api} test-jar.
 */
public interface TaskStatistics {

  /**
   * Counts by state over all stored tasks, and per-minute throughput and run-time percentiles over
   * the tasks that finished at or after {@code since}.
   */
  TaskStats stats(Instant since);

  /**
   * Per queue, how many tasks were submitted and how many reached a terminal state at or after
   * {@code since}, ordered by queue name; a queue with neither is left out. On PostgreSQL two index
   * range scans (on the submission and the finish time), so a window of minutes stays cheap.
   */
  List<QueueActivity> queueActivity(Instant since);
}
