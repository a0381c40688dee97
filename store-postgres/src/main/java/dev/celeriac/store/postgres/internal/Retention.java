package dev.celeriac.store.postgres.internal;

import java.sql.PreparedStatement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Deletes old finished tasks and their attempts in bounded batches, oldest first. Rows locked by a
 * concurrent writer are skipped rather than waited for.
 */
public final class Retention {
  private static final String DELETE =
      """
      WITH doomed AS (
             SELECT id FROM celeriac_tasks
              WHERE finished_at < ? AND state IN %s
              ORDER BY finished_at LIMIT ? FOR UPDATE SKIP LOCKED),
           attempts AS (
             DELETE FROM celeriac_attempts a USING doomed d WHERE a.task_id = d.id),
           delayed AS (
             DELETE FROM celeriac_delayed l USING doomed d WHERE l.task_id = d.id)
      DELETE FROM celeriac_tasks t USING doomed d WHERE t.id = d.id
      """
          .formatted(Sql.TERMINAL_STATES);

  private final DataSource dataSource;

  /** Retention over the tables behind {@code dataSource}. */
  public Retention(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Deletes up to {@code maxRows} tasks finished before {@code cutoff}; returns how many. */
  public int deleteFinishedBefore(Instant cutoff, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
    }
    return Jdbc.withConnection(
        dataSource,
        "deleting tasks finished before " + cutoff,
        c -> {
          try (PreparedStatement delete = c.prepareStatement(DELETE)) {
            delete.setObject(1, Sql.timestamp(cutoff));
            delete.setInt(2, maxRows);
            return delete.executeUpdate();
          }
        });
  }
}
