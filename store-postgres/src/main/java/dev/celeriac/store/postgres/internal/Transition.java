package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.TaskCompletion;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A move of a task to the state a finish, dead letter or revocation asks for, as one row of the
 * multi-row update in {@link FinishWrites}.
 *
 * @param replaceFailure whether the failure columns take {@code failure} (a revocation keeps the
 *     last attempt's failure)
 * @param finishedAt set for terminal states only
 * @param workerId null to keep the row's worker
 */
record Transition(
    PendingWrite write,
    TaskId id,
    TaskState state,
    @Nullable String result,
    boolean replaceFailure,
    @Nullable FailureInfo failure,
    @Nullable Instant finishedAt,
    @Nullable String workerId) {

  static Transition of(PendingWrite.Finish finish) {
    TaskCompletion c = finish.completion();
    String result = null;
    if (c.state() == TaskState.SUCCEEDED) {
      // A void task's result is JSON null, which is not the same as no result.
      result = c.result() == null ? "null" : JsonText.write(c.result());
    }
    Instant finishedAt = c.state().isTerminal() ? c.finishedAt() : null;
    return new Transition(
        finish, c.id(), c.state(), result, true, c.failure(), finishedAt, c.workerId());
  }

  static Transition of(PendingWrite.Dead dead, TaskId id) {
    DeadLetter letter = dead.deadLetter();
    return new Transition(dead, id, TaskState.DEAD, null, true, letter.reason(), letter.at(), null);
  }

  static Transition of(PendingWrite.Revoke revoke) {
    return new Transition(
        revoke, revoke.taskId(), TaskState.REVOKED, null, false, null, revoke.at(), null);
  }

  CompletableFuture<FinishResult> future() {
    return switch (write) {
      case PendingWrite.Finish f -> f.future();
      case PendingWrite.Dead d -> d.future();
      case PendingWrite.Revoke r -> r.future();
      default -> throw new IllegalStateException("not a finishing write: " + write);
    };
  }

  @Nullable String failureType() {
    return failure == null ? null : Sql.storable(failure.type());
  }

  @Nullable String failureMessage() {
    return failure == null ? null : Sql.storable(failure.message());
  }

  @Nullable String failureStack() {
    return failure == null ? null : Sql.storable(failure.stackTrace());
  }
}
