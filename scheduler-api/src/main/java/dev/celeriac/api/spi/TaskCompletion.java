package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.celeriac.api.FailureInfo;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The end of one attempt, as the worker reports it to the store.
 *
 * @param id the task
 * @param attempt the attempt that ended
 * @param state {@link TaskState#SUCCEEDED}, {@link TaskState#FAILED}, {@link TaskState#EXPIRED},
 *     {@link TaskState#REVOKED}, or, when another attempt follows, {@link TaskState#RETRYING} or
 *     {@link TaskState#TIMED_OUT}
 * @param result the return value when it succeeded
 * @param failure what went wrong when it did not
 * @param finishedAt when the attempt ended
 * @param workerId the worker that ran it
 * @param retry the next attempt's message, stored in the delayed table in the same transaction, or
 *     null when no attempt follows through the store
 */
public record TaskCompletion(
    TaskId id,
    int attempt,
    TaskState state,
    @Nullable JsonNode result,
    @Nullable FailureInfo failure,
    Instant finishedAt,
    String workerId,
    @Nullable TaskMessage retry) {
  /** Validates the fields and their combinations. */
  public TaskCompletion {
    requireNonNull(id, "id");
    requireNonNull(state, "state");
    requireNonNull(finishedAt, "finishedAt");
    requireNonNull(workerId, "workerId");
    if (state == TaskState.PENDING || state == TaskState.SCHEDULED || state == TaskState.STARTED) {
      throw new IllegalArgumentException("an attempt cannot end in state " + state);
    }
    if (retry != null && state.isTerminal()) {
      throw new IllegalArgumentException("a terminal state " + state + " cannot carry a retry");
    }
    if (retry != null && !retry.id().equals(id)) {
      throw new IllegalArgumentException("retry is for task " + retry.id() + ", not " + id);
    }
  }

  /** A successful attempt. */
  public static TaskCompletion succeeded(
      TaskId id, int attempt, @Nullable JsonNode result, Instant at, String workerId) {
    return new TaskCompletion(id, attempt, TaskState.SUCCEEDED, result, null, at, workerId, null);
  }

  /** An attempt that ended in {@code state} because of {@code failure}. */
  public static TaskCompletion failed(
      TaskId id,
      int attempt,
      TaskState state,
      FailureInfo failure,
      Instant at,
      String workerId,
      @Nullable TaskMessage retry) {
    return new TaskCompletion(id, attempt, state, null, failure, at, workerId, retry);
  }
}
