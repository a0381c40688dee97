package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.MalformedMessageException;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Creates the task rows a round needs, only where absent: PENDING for submissions (and for starts
 * and finishes whose submission was not recorded), SCHEDULED for delayed submissions. An id revoked
 * before the store saw it is created REVOKED instead.
 */
final class TaskRowInserts {
  private static final String UNKNOWN = PostgresTaskStore.UNKNOWN;

  /** Reads dead letters whatever their size: they were already refused; this only names them. */
  private static final TaskMessageCodec LENIENT_CODEC = new TaskMessageCodec(Integer.MAX_VALUE);

  private static final String INSERT =
      """
      INSERT INTO celeriac_tasks AS t (id, name, queue, state, args, priority, headers,
                                       submitted_at, eta, expires, finished_at)
      SELECT u.id::uuid, u.name, u.queue,
             CASE WHEN r.task_id IS NULL THEN u.state ELSE 'REVOKED' END,
             u.args::jsonb, u.priority::int, u.headers::jsonb, u.submitted_at::timestamptz,
             u.eta::timestamptz, u.expires::timestamptz, r.revoked_at
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
             AS u(id, name, queue, state, args, priority, headers, submitted_at, eta, expires)
        LEFT JOIN celeriac_revocations r ON r.task_id = u.id::uuid
       ORDER BY u.id
      ON CONFLICT (id) DO NOTHING
      RETURNING t.id, t.state
      """;

  private TaskRowInserts() {}

  private record NewRow(
      TaskId id,
      String name,
      String queue,
      TaskState state,
      String args,
      int priority,
      String headers,
      Instant submittedAt,
      @Nullable Instant eta,
      @Nullable Instant expires) {

    static NewRow of(TaskMessage message, TaskState state) {
      return new NewRow(
          message.id(),
          message.task(),
          message.queue(),
          state,
          JsonText.write(message.args()),
          message.priority(),
          JsonText.write(message.headers()),
          message.submittedAt(),
          message.eta(),
          message.expires());
    }

    static NewRow placeholder(TaskId id, String queue, Instant at) {
      return new NewRow(id, UNKNOWN, queue, TaskState.PENDING, "[]", 0, "{}", at, null, null);
    }
  }

  static void insertMissing(BatchContext batch, List<PendingWrite> round) throws SQLException {
    List<NewRow> rows = new ArrayList<>();
    for (PendingWrite write : round) {
      NewRow row = rowFor(write);
      if (row != null) {
        rows.add(row);
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    rows.sort(Comparator.comparing(NewRow::id));
    var c = batch.connection;
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert.setArray(1, Sql.column(c, rows, NewRow::id));
      insert.setArray(2, Sql.column(c, rows, NewRow::name));
      insert.setArray(3, Sql.column(c, rows, NewRow::queue));
      insert.setArray(4, Sql.column(c, rows, NewRow::state));
      insert.setArray(5, Sql.column(c, rows, NewRow::args));
      insert.setArray(6, Sql.column(c, rows, NewRow::priority));
      insert.setArray(7, Sql.column(c, rows, NewRow::headers));
      insert.setArray(8, Sql.column(c, rows, NewRow::submittedAt));
      insert.setArray(9, Sql.column(c, rows, NewRow::eta));
      insert.setArray(10, Sql.column(c, rows, NewRow::expires));
      try (ResultSet inserted = insert.executeQuery()) {
        while (inserted.next()) {
          if (TaskState.REVOKED.name().equals(inserted.getString(2))) {
            batch.finished(new TaskId(inserted.getObject(1, UUID.class)));
          }
        }
      }
    }
  }

  private static @Nullable NewRow rowFor(PendingWrite write) {
    return switch (write) {
      case PendingWrite.Submit s -> NewRow.of(s.message(), TaskState.PENDING);
      case PendingWrite.Schedule s -> NewRow.of(s.message(), TaskState.SCHEDULED);
      case PendingWrite.Start s -> NewRow.of(s.message(), TaskState.PENDING);
      case PendingWrite.Finish f -> rowFor(f.completion());
      case PendingWrite.Dead d -> rowFor(d.deadLetter());
      case PendingWrite.Revoke r -> null;
    };
  }

  /**
   * The row of a task first seen as a dead letter: described by its message when the bytes still
   * decode to this task (an unknown task name, say), so the console can say which task died.
   */
  private static @Nullable NewRow rowFor(DeadLetter letter) {
    TaskId id = letter.taskId();
    if (id == null) {
      return null;
    }
    try {
      TaskMessage message = LENIENT_CODEC.decode(letter.body());
      if (message.id().equals(id)) {
        return NewRow.of(message, TaskState.PENDING);
      }
    } catch (MalformedMessageException e) {
      // the letter keeps the bytes; the row can only say where it came from
    }
    return NewRow.placeholder(id, letter.queue(), letter.at());
  }

  private static NewRow rowFor(TaskCompletion completion) {
    TaskMessage retry = completion.retry();
    return retry != null
        ? NewRow.of(retry, TaskState.PENDING)
        : NewRow.placeholder(completion.id(), UNKNOWN, completion.finishedAt());
  }
}
