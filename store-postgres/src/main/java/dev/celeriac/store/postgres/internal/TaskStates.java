package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reads the current states of several tasks in one query, inside the batch's transaction. */
final class TaskStates {
  private static final String SELECT =
      "SELECT id, state FROM celeriac_tasks WHERE id = ANY(?::text[]::uuid[])";

  private TaskStates() {}

  /** The states of those of {@code ids} that have a row; a fresh snapshot (read committed). */
  static Map<TaskId, TaskState> of(BatchContext batch, Collection<TaskId> ids) throws SQLException {
    Map<TaskId, TaskState> states = new HashMap<>();
    if (ids.isEmpty()) {
      return states;
    }
    List<TaskId> list = List.copyOf(ids);
    try (PreparedStatement select = batch.connection.prepareStatement(SELECT)) {
      select.setArray(1, Sql.column(batch.connection, list, TaskId::value));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          states.put(
              new TaskId(rows.getObject(1, UUID.class)), TaskState.valueOf(rows.getString(2)));
        }
      }
    }
    return states;
  }

  /** Runs {@code update} (whose first result column is the task id) and collects those ids. */
  static Set<TaskId> returnedIds(PreparedStatement update) throws SQLException {
    Set<TaskId> ids = new HashSet<>();
    try (ResultSet rows = update.executeQuery()) {
      while (rows.next()) {
        ids.add(new TaskId(rows.getObject(1, UUID.class)));
      }
    }
    return ids;
  }
}
