package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Announces the ids a batch made terminal on channel {@value #CHANNEL}, several ids per payload
 * (comma-separated) within PostgreSQL's 8000-byte payload limit. Sent inside the batch's
 * transaction, so listeners hear of a result only once it is committed.
 */
final class FinishedNotifications {
  static final String CHANNEL = "celeriac_finished";

  /** 36 characters and a comma per id: 200 ids stay well below 8000 bytes. */
  static final int IDS_PER_PAYLOAD = 200;

  private static final String NOTIFY =
      "SELECT pg_notify('" + CHANNEL + "', p) FROM unnest(?::text[]) AS p";

  private FinishedNotifications() {}

  static void send(BatchContext batch) throws SQLException {
    List<String> payloads = payloads(batch.finishedIds());
    if (payloads.isEmpty()) {
      return;
    }
    try (PreparedStatement notify = batch.connection.prepareStatement(NOTIFY)) {
      notify.setArray(1, batch.connection.createArrayOf("text", payloads.toArray()));
      notify.executeQuery().close();
    }
  }

  static List<String> payloads(Collection<TaskId> ids) {
    List<String> payloads = new ArrayList<>();
    StringBuilder payload = new StringBuilder();
    int count = 0;
    for (TaskId id : ids) {
      if (count == IDS_PER_PAYLOAD) {
        payloads.add(payload.toString());
        payload.setLength(0);
        count = 0;
      }
      if (count > 0) {
        payload.append(',');
      }
      payload.append(id);
      count++;
    }
    if (count > 0) {
      payloads.add(payload.toString());
    }
    return payloads;
  }

  /** The ids in one payload; malformed parts are skipped by the caller's parse. */
  static List<String> parts(String payload) {
    return payload.isEmpty() ? List.of() : List.of(payload.split(","));
  }
}
