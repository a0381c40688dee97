package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.FinishResult;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finishes, dead letters and revocations of one round: one multi-row update that only touches
 * non-terminal rows (so a terminal state is never overwritten), then the side writes each kind
 * needs, then the callers' results.
 */
final class FinishWrites {
  private static final String TRANSITION =
      """
      UPDATE celeriac_tasks t
         SET state = u.state, result = u.result::jsonb,
             failure_type = CASE WHEN u.replace::boolean THEN u.ftype ELSE t.failure_type END,
             failure_message = CASE WHEN u.replace::boolean THEN u.fmessage ELSE t.failure_message END,
             failure_stack = CASE WHEN u.replace::boolean THEN u.fstack ELSE t.failure_stack END,
             finished_at = u.finished_at::timestamptz, worker_id = COALESCE(u.worker_id, t.worker_id),
             updated_at = now()
        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[])
             AS u(id, state, result, replace, ftype, fmessage, fstack, finished_at, worker_id)
       WHERE t.id = u.id::uuid AND t.state NOT IN %s
      RETURNING t.id
      """
          .formatted(Sql.TERMINAL_STATES);

  private FinishWrites() {}

  static void apply(BatchContext batch, List<PendingWrite> round) throws SQLException {
    List<Transition> transitions = new ArrayList<>();
    List<PendingWrite.Dead> deadLetters = new ArrayList<>();
    for (PendingWrite write : round) {
      switch (write) {
        case PendingWrite.Finish f -> transitions.add(Transition.of(f));
        case PendingWrite.Revoke r -> transitions.add(Transition.of(r));
        case PendingWrite.Dead d -> {
          deadLetters.add(d);
          TaskId id = d.taskId();
          if (id != null) {
            transitions.add(Transition.of(d, id));
          }
        }
        default -> {}
      }
    }
    DeadLetterInserts.insert(batch, deadLetters);
    if (transitions.isEmpty()) {
      completeIdlessDeadLetters(batch, deadLetters);
      return;
    }
    Set<TaskId> applied = update(batch, transitions);
    List<TaskId> refused =
        transitions.stream().map(Transition::id).filter(id -> !applied.contains(id)).toList();
    Map<TaskId, TaskState> kept = TaskStates.of(batch, refused);
    SideWrites.apply(batch, transitions, applied, kept);
    for (Transition t : transitions) {
      if (applied.contains(t.id()) && t.state().isTerminal()) {
        batch.finished(t.id());
      }
      complete(batch, t, applied.contains(t.id()), kept.get(t.id()));
    }
    completeIdlessDeadLetters(batch, deadLetters);
  }

  private static Set<TaskId> update(BatchContext batch, List<Transition> rows) throws SQLException {
    var c = batch.connection;
    try (PreparedStatement update = c.prepareStatement(TRANSITION)) {
      update.setArray(1, Sql.column(c, rows, Transition::id));
      update.setArray(2, Sql.column(c, rows, Transition::state));
      update.setArray(3, Sql.column(c, rows, Transition::result));
      update.setArray(4, Sql.column(c, rows, Transition::replaceFailure));
      update.setArray(5, Sql.column(c, rows, Transition::failureType));
      update.setArray(6, Sql.column(c, rows, Transition::failureMessage));
      update.setArray(7, Sql.column(c, rows, Transition::failureStack));
      update.setArray(8, Sql.column(c, rows, Transition::finishedAt));
      update.setArray(9, Sql.column(c, rows, Transition::workerId));
      return TaskStates.returnedIds(update);
    }
  }

  private static void complete(
      BatchContext batch, Transition t, boolean applied, TaskState keptState) {
    FinishResult result;
    if (applied) {
      result = new FinishResult(true, t.state());
    } else if (keptState != null) {
      result = new FinishResult(false, keptState);
    } else {
      // Only a revocation meets no row: it was remembered in celeriac_revocations instead.
      result = new FinishResult(true, TaskState.REVOKED);
    }
    batch.afterCommit(() -> t.future().complete(result));
  }

  private static void completeIdlessDeadLetters(
      BatchContext batch, List<PendingWrite.Dead> deadLetters) {
    for (PendingWrite.Dead dead : deadLetters) {
      if (dead.taskId() == null) {
        batch.afterCommit(() -> dead.future().complete(new FinishResult(true, TaskState.DEAD)));
      }
    }
  }
}
