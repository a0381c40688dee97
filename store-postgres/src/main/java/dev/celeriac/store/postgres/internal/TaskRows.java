package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.TaskRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Maps result-set rows to the SPI's records. */
public final class TaskRows {
  /** The columns {@link #task(ResultSet)} reads, for {@code SELECT … FROM celeriac_tasks}. */
  public static final String TASK_COLUMNS =
      "id, name, queue, state, args::text AS args, result::text AS result, failure_type,"
          + " failure_message, failure_stack, attempts, priority, headers::text AS headers,"
          + " submitted_at, eta, expires, started_at, finished_at, worker_id";

  static final String ATTEMPT_COLUMNS =
      "task_id, attempt, worker_id, started_at, finished_at, outcome, failure_type,"
          + " failure_message, failure_stack";

  static final String DEAD_LETTER_COLUMNS =
      "task_id, queue, body, reason_type, reason_message, reason_stack, delivery_count, dead_at";

  private TaskRows() {}

  /** The task on the current row. */
  public static TaskRecord task(ResultSet row) throws SQLException {
    return new TaskRecord(
        new TaskId(row.getObject("id", UUID.class)),
        row.getString("name"),
        row.getString("queue"),
        TaskState.valueOf(row.getString("state")),
        JsonText.readArray(row.getString("args")),
        JsonText.readNode(row.getString("result")),
        failure(row, "failure_type", "failure_message", "failure_stack"),
        row.getInt("attempts"),
        row.getInt("priority"),
        JsonText.readHeaders(row.getString("headers")),
        Sql.instant(row, "submitted_at"),
        Sql.instant(row, "eta"),
        Sql.instant(row, "expires"),
        Sql.instant(row, "started_at"),
        Sql.instant(row, "finished_at"),
        row.getString("worker_id"));
  }

  static AttemptRecord attempt(ResultSet row) throws SQLException {
    String outcome = row.getString("outcome");
    return new AttemptRecord(
        new TaskId(row.getObject("task_id", UUID.class)),
        row.getInt("attempt"),
        row.getString("worker_id"),
        Sql.instant(row, "started_at"),
        Sql.instant(row, "finished_at"),
        outcome == null ? null : TaskState.valueOf(outcome),
        failure(row, "failure_type", "failure_message", "failure_stack"));
  }

  static DeadLetter deadLetter(ResultSet row) throws SQLException {
    UUID taskId = row.getObject("task_id", UUID.class);
    FailureInfo reason = failure(row, "reason_type", "reason_message", "reason_stack");
    return new DeadLetter(
        taskId == null ? null : new TaskId(taskId),
        row.getString("queue"),
        row.getBytes("body"),
        java.util.Objects.requireNonNull(reason, "reason_type is NOT NULL"),
        row.getInt("delivery_count"),
        Sql.instant(row, "dead_at"));
  }

  private static @Nullable FailureInfo failure(
      ResultSet row, String typeColumn, String messageColumn, String stackColumn)
      throws SQLException {
    String type = row.getString(typeColumn);
    if (type == null) {
      return null;
    }
    String stack = row.getString(stackColumn);
    return new FailureInfo(type, row.getString(messageColumn), stack == null ? "" : stack);
  }
}
