package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The reaper's statements: expiring tasks that never started (with the {@code NOTIFY} result
 * waiters need, in the same transaction) and marking workers without heartbeats as lost.
 */
public final class Maintenance {
  private static final String EXPIRE =
      """
      WITH doomed AS (
             SELECT id FROM celeriac_tasks
              WHERE state IN ('PENDING', 'SCHEDULED') AND expires < ?
              ORDER BY expires LIMIT ? FOR UPDATE SKIP LOCKED),
           delayed AS (
             DELETE FROM celeriac_delayed l USING doomed d WHERE l.task_id = d.id)
      UPDATE celeriac_tasks t SET state = 'EXPIRED', finished_at = ?, updated_at = now()
        FROM doomed d WHERE t.id = d.id
      RETURNING t.id
      """;

  private static final String NOTIFY =
      "SELECT pg_notify('" + FinishedNotifications.CHANNEL + "', p) FROM unnest(?::text[]) AS p";

  private static final String MARK_LOST =
      """
      WITH lost AS (
             UPDATE celeriac_workers SET state = 'LOST', stopped_at = ?
              WHERE state IN ('RUNNING', 'DRAINING') AND last_heartbeat < ?
             RETURNING worker_id)
      SELECT t.id FROM celeriac_tasks t JOIN lost l ON t.worker_id = l.worker_id
       WHERE t.state = 'STARTED'
      """;

  private final DataSource dataSource;

  /** The statements on the tables behind {@code dataSource}. */
  public Maintenance(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** See {@code MaintenanceStore.expireOverdue}. */
  public List<TaskId> expireOverdue(Instant now, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
    }
    return Jdbc.withConnection(
        dataSource,
        "expiring tasks overdue at " + now,
        c -> {
          c.setAutoCommit(false);
          try {
            List<TaskId> ids = ids(c, EXPIRE, Sql.timestamp(now), maxRows, Sql.timestamp(now));
            notifyFinished(c, ids);
            c.commit();
            return ids;
          } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
          } finally {
            c.setAutoCommit(true);
          }
        });
  }

  /** See {@code MaintenanceStore.markLostWorkers}. */
  public List<TaskId> markLostWorkers(Instant heartbeatBefore, Instant at) {
    return Jdbc.withConnection(
        dataSource,
        "marking workers silent since " + heartbeatBefore + " lost",
        c -> ids(c, MARK_LOST, Sql.timestamp(at), Sql.timestamp(heartbeatBefore)));
  }

  private static List<TaskId> ids(Connection c, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        List<TaskId> ids = new ArrayList<>();
        while (rows.next()) {
          ids.add(new TaskId(rows.getObject(1, UUID.class)));
        }
        return ids;
      }
    }
  }

  private static void notifyFinished(Connection c, List<TaskId> ids) throws SQLException {
    List<String> payloads = FinishedNotifications.payloads(ids);
    if (payloads.isEmpty()) {
      return;
    }
    try (PreparedStatement notify = c.prepareStatement(NOTIFY)) {
      notify.setArray(1, c.createArrayOf("text", payloads.toArray()));
      notify.executeQuery().close();
    }
  }
}
