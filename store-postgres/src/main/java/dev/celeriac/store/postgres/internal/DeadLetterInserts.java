package dev.celeriac.store.postgres.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;

/** Keeps dead letters with their bytes, for a re-drive after a fix. */
final class DeadLetterInserts {
  private static final String INSERT =
      """
      INSERT INTO celeriac_dead_letters (task_id, queue, body, reason_type, reason_message,
                                         reason_stack, delivery_count, dead_at)
      SELECT u.task_id::uuid, u.queue, decode(u.body, 'base64'), u.rtype, u.rmessage, u.rstack,
             u.deliveries::int, u.dead_at::timestamptz
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[])
             AS u(task_id, queue, body, rtype, rmessage, rstack, deliveries, dead_at)
      """;

  private DeadLetterInserts() {}

  static void insert(BatchContext batch, List<PendingWrite.Dead> deadLetters) throws SQLException {
    if (deadLetters.isEmpty()) {
      return;
    }
    var c = batch.connection;
    var letters = deadLetters.stream().map(PendingWrite.Dead::deadLetter).toList();
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert.setArray(1, Sql.column(c, letters, d -> d.taskId()));
      insert.setArray(2, Sql.column(c, letters, d -> d.queue()));
      insert.setArray(3, Sql.column(c, letters, d -> Base64.getEncoder().encodeToString(d.body())));
      insert.setArray(4, Sql.column(c, letters, d -> Sql.storable(d.reason().type())));
      insert.setArray(5, Sql.column(c, letters, d -> Sql.storable(d.reason().message())));
      insert.setArray(6, Sql.column(c, letters, d -> Sql.storable(d.reason().stackTrace())));
      insert.setArray(7, Sql.column(c, letters, d -> d.deliveryCount()));
      insert.setArray(8, Sql.column(c, letters, d -> d.at()));
      insert.executeUpdate();
    }
  }
}
