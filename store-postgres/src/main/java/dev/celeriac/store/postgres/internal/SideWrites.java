package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What follows a round's state transitions in the same transaction: the attempts that ended, the
 * retries put in the delayed table, the delayed entries of revoked tasks removed, revocations of
 * ids without a row remembered, and terminations requested for the workers running revoked tasks.
 */
final class SideWrites {
  // A message redelivered while its first run goes on (its connection was lost) may run again on
  // the same worker, leaving two open runs of one (task, attempt, worker). Each finish closes one
  // of them, oldest first, so every run keeps its own end and outcome.
  private static final String END_ATTEMPTS =
      """
      WITH u AS (
        SELECT x.*, row_number() OVER (PARTITION BY x.id, x.attempt, x.worker_id ORDER BY x.n) AS rank
          FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                      ?::text[]) WITH ORDINALITY
               AS x(id, attempt, worker_id, finished_at, outcome, ftype, fmessage, fstack, n)
      ), open_runs AS (
        SELECT a.run_id, a.task_id, a.attempt, a.worker_id,
               row_number() OVER (PARTITION BY a.task_id, a.attempt, a.worker_id ORDER BY a.run_id)
                 AS rank
          FROM celeriac_attempts a
         WHERE a.finished_at IS NULL AND a.task_id IN (SELECT u.id::uuid FROM u)
      )
      UPDATE celeriac_attempts a
         SET finished_at = u.finished_at::timestamptz, outcome = u.outcome,
             failure_type = u.ftype, failure_message = u.fmessage, failure_stack = u.fstack
        FROM u JOIN open_runs o
          ON o.task_id = u.id::uuid AND o.attempt = u.attempt::int AND o.worker_id = u.worker_id
         AND o.rank = u.rank
       WHERE a.run_id = o.run_id
      """;

  private static final String DROP_DELAYED =
      "DELETE FROM celeriac_delayed WHERE task_id = ANY(?::text[]::uuid[])";

  private static final String REMEMBER_REVOCATIONS =
      """
      INSERT INTO celeriac_revocations (task_id, revoked_at)
      SELECT u.id::uuid, u.at::timestamptz FROM unnest(?::text[], ?::text[]) AS u(id, at)
      ON CONFLICT (task_id) DO NOTHING
      """;

  private static final String REQUEST_TERMINATIONS =
      """
      INSERT INTO celeriac_revocations (task_id, revoked_at, terminate)
      SELECT u.id::uuid, u.at::timestamptz, true FROM unnest(?::text[], ?::text[]) AS u(id, at)
      ON CONFLICT (task_id) DO UPDATE SET terminate = true
      """;

  private SideWrites() {}

  static void apply(
      BatchContext batch,
      List<Transition> transitions,
      Set<TaskId> applied,
      Map<TaskId, TaskState> kept)
      throws SQLException {
    List<PendingWrite.Finish> finishes = new ArrayList<>();
    List<TaskMessage> retries = new ArrayList<>();
    List<TaskId> revoked = new ArrayList<>();
    List<PendingWrite.Revoke> unseen = new ArrayList<>();
    List<PendingWrite.Revoke> terminated = new ArrayList<>();
    for (Transition t : transitions) {
      boolean done = applied.contains(t.id());
      switch (t.write()) {
        case PendingWrite.Finish f -> {
          finishes.add(f);
          if (done && f.completion().retry() != null) {
            retries.add(f.completion().retry());
          }
        }
        case PendingWrite.Revoke r -> {
          if (done) {
            revoked.add(r.taskId());
            if (r.mode() == RevokeMode.TERMINATE) {
              terminated.add(r);
            }
          } else if (!kept.containsKey(r.taskId())) {
            unseen.add(r);
          }
        }
        default -> {}
      }
    }
    endAttempts(batch, finishes);
    DelayedInserts.insert(batch, retries, m -> m.eta() == null ? batch.now() : m.eta());
    dropDelayed(batch, revoked);
    rememberRevocations(batch, unseen, REMEMBER_REVOCATIONS);
    rememberRevocations(batch, terminated, REQUEST_TERMINATIONS);
  }

  // Every attempt that ended is recorded, even when its finish lost to an earlier terminal state:
  // the run really happened and belongs in the history.
  private static void endAttempts(BatchContext batch, List<PendingWrite.Finish> finishes)
      throws SQLException {
    if (finishes.isEmpty()) {
      return;
    }
    var c = batch.connection;
    try (PreparedStatement update = c.prepareStatement(END_ATTEMPTS)) {
      update.setArray(1, Sql.column(c, finishes, f -> f.completion().id()));
      update.setArray(2, Sql.column(c, finishes, f -> f.completion().attempt()));
      update.setArray(3, Sql.column(c, finishes, f -> f.completion().workerId()));
      update.setArray(4, Sql.column(c, finishes, f -> f.completion().finishedAt()));
      update.setArray(5, Sql.column(c, finishes, f -> f.completion().state()));
      update.setArray(6, Sql.column(c, finishes, f -> failure(f).type()));
      update.setArray(7, Sql.column(c, finishes, f -> failure(f).message()));
      update.setArray(8, Sql.column(c, finishes, f -> failure(f).stackTrace()));
      update.executeUpdate();
    }
  }

  private static NullableFailure failure(PendingWrite.Finish finish) {
    var failure = finish.completion().failure();
    return failure == null
        ? NullableFailure.NONE
        : new NullableFailure(
            Sql.storable(failure.type()),
            Sql.storable(failure.message()),
            Sql.storable(failure.stackTrace()));
  }

  private record NullableFailure(
      @org.jspecify.annotations.Nullable String type,
      @org.jspecify.annotations.Nullable String message,
      @org.jspecify.annotations.Nullable String stackTrace) {
    static final NullableFailure NONE = new NullableFailure(null, null, null);
  }

  private static void dropDelayed(BatchContext batch, List<TaskId> revoked) throws SQLException {
    if (revoked.isEmpty()) {
      return;
    }
    try (PreparedStatement delete = batch.connection.prepareStatement(DROP_DELAYED)) {
      delete.setArray(1, Sql.column(batch.connection, revoked, TaskId::value));
      delete.executeUpdate();
    }
  }

  private static void rememberRevocations(
      BatchContext batch, List<PendingWrite.Revoke> revocations, String sql) throws SQLException {
    if (revocations.isEmpty()) {
      return;
    }
    var c = batch.connection;
    try (PreparedStatement insert = c.prepareStatement(sql)) {
      insert.setArray(1, Sql.column(c, revocations, PendingWrite.Revoke::taskId));
      insert.setArray(2, Sql.column(c, revocations, PendingWrite.Revoke::at));
      insert.executeUpdate();
    }
  }
}
