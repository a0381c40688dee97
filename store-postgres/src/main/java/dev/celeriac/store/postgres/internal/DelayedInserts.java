package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Puts messages in the delayed table, for tasks that are not terminal. The same task and attempt
 * scheduled again replaces its entry and drops any claim on it.
 */
final class DelayedInserts {
  private static final TaskMessageCodec CODEC = new TaskMessageCodec();

  private static final String INSERT =
      """
      INSERT INTO celeriac_delayed (task_id, attempt, due_at, message)
      SELECT u.id::uuid, u.attempt::int, u.due_at::timestamptz, u.message::jsonb
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(id, attempt, due_at, message)
        JOIN celeriac_tasks t ON t.id = u.id::uuid
       WHERE t.state NOT IN %s
      ON CONFLICT (task_id, attempt) DO UPDATE
         SET due_at = EXCLUDED.due_at, message = EXCLUDED.message, claimed_until = NULL
      """
          .formatted(Sql.TERMINAL_STATES);

  private DelayedInserts() {}

  static void insert(
      BatchContext batch, List<TaskMessage> messages, Function<TaskMessage, Instant> dueAt)
      throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    var c = batch.connection;
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert.setArray(1, Sql.column(c, messages, TaskMessage::id));
      insert.setArray(2, Sql.column(c, messages, TaskMessage::attempt));
      insert.setArray(3, Sql.column(c, messages, dueAt::apply));
      insert.setArray(
          4, Sql.column(c, messages, m -> new String(CODEC.encode(m), StandardCharsets.UTF_8)));
      insert.executeUpdate();
    }
  }
}
