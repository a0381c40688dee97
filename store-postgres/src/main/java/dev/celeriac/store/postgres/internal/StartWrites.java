package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records attempt starts: STARTED plus an attempt row, unless the task is already terminal, in
 * which case nothing is written and the caller learns the terminal state.
 */
final class StartWrites {
  // A revocation recorded by another process while this one created the row is applied here,
  // so a revoked task never starts even when the two raced.
  private static final String APPLY_REVOCATIONS =
      "UPDATE celeriac_tasks t SET state = 'REVOKED', finished_at = r.revoked_at,"
          + " updated_at = now() FROM celeriac_revocations r"
          + " WHERE r.task_id = t.id AND t.id = ANY(?::text[]::uuid[])"
          + " AND t.state NOT IN "
          + Sql.TERMINAL_STATES
          + " RETURNING t.id";

  private static final String START =
      """
      UPDATE celeriac_tasks t
         SET state = 'STARTED', attempts = GREATEST(t.attempts, u.attempt::int),
             started_at = u.started_at::timestamptz, worker_id = u.worker_id, updated_at = now()
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
             AS u(id, attempt, worker_id, started_at)
       WHERE t.id = u.id::uuid AND t.state NOT IN %s
      RETURNING t.id
      """
          .formatted(Sql.TERMINAL_STATES);

  private static final String INSERT_ATTEMPTS =
      """
      INSERT INTO celeriac_attempts (task_id, attempt, worker_id, started_at)
      SELECT u.id::uuid, u.attempt::int, u.worker_id, u.started_at::timestamptz
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
             AS u(id, attempt, worker_id, started_at)
      """;

  private StartWrites() {}

  static void apply(BatchContext batch, List<PendingWrite.Start> starts) throws SQLException {
    if (starts.isEmpty()) {
      return;
    }
    var c = batch.connection;
    try (PreparedStatement revoke = c.prepareStatement(APPLY_REVOCATIONS)) {
      revoke.setArray(1, Sql.column(c, starts, PendingWrite.Start::taskId));
      TaskStates.returnedIds(revoke).forEach(batch::finished);
    }
    Set<TaskId> started;
    try (PreparedStatement start = c.prepareStatement(START)) {
      bindAttemptColumns(batch, start, starts);
      started = TaskStates.returnedIds(start);
    }
    List<PendingWrite.Start> applied =
        starts.stream().filter(s -> started.contains(s.taskId())).toList();
    if (!applied.isEmpty()) {
      try (PreparedStatement insert = c.prepareStatement(INSERT_ATTEMPTS)) {
        bindAttemptColumns(batch, insert, applied);
        insert.executeUpdate();
      }
    }
    List<TaskId> refused =
        starts.stream()
            .map(PendingWrite.Start::taskId)
            .filter(id -> !started.contains(id))
            .toList();
    Map<TaskId, TaskState> kept = TaskStates.of(batch, refused);
    for (PendingWrite.Start start : starts) {
      TaskState state =
          started.contains(start.taskId()) ? TaskState.STARTED : kept.get(start.taskId());
      if (state == null) {
        throw new IllegalStateException("task row " + start.taskId() + " vanished mid-batch");
      }
      batch.afterCommit(() -> start.future().complete(state));
    }
  }

  private static void bindAttemptColumns(
      BatchContext batch, PreparedStatement statement, List<PendingWrite.Start> starts)
      throws SQLException {
    var c = batch.connection;
    statement.setArray(1, Sql.column(c, starts, PendingWrite.Start::taskId));
    statement.setArray(2, Sql.column(c, starts, s -> s.message().attempt()));
    statement.setArray(3, Sql.column(c, starts, PendingWrite.Start::workerId));
    statement.setArray(4, Sql.column(c, starts, PendingWrite.Start::startedAt));
  }
}
