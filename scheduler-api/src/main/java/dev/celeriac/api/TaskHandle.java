package dev.celeriac.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A submitted task, to follow and wait for. Cheap to create for any id ({@link TaskClient#handle});
 * all methods read from the store and are thread-safe.
 *
 * @param <R> the task method's return type ({@code Void} for void methods)
 */
public interface TaskHandle<R> {

  /** The task id. */
  TaskId id();

  /**
   * The task's current state.
   *
   * @throws UnknownTaskIdException if the store has never seen the id (as opposed to {@link
   *     TaskState#PENDING}: submitted and queued)
   */
  TaskState state();

  /**
   * Waits up to {@code timeout} for the task to finish and returns its result ({@code null} for
   * void tasks).
   *
   * @throws TaskFailedException if it ended in any terminal state other than {@link
   *     TaskState#SUCCEEDED}; the exception carries the state and the failure
   * @throws ResultTimeoutException if it did not finish within {@code timeout}
   * @throws UnknownTaskIdException if it did not finish within {@code timeout} and the store has
   *     still never seen the id (never submitted, or submitted without a record and not started)
   */
  @Nullable R get(Duration timeout);

  /**
   * A future of the result that completes when the task finishes, exceptionally with {@link
   * TaskFailedException} if it does not succeed. Cancelling it stops waiting, not the task.
   */
  CompletableFuture<@Nullable R> toCompletableFuture();

  /**
   * Revokes the task: if it has not finished, it ends {@link TaskState#REVOKED} and will not run (a
   * running attempt is not interrupted, see {@link #revoke(RevokeMode)}). The same as {@code
   * revoke(RevokeMode.LET_RUN)}.
   *
   * @return true if this call revoked it, false if it had already finished
   */
  default boolean revoke() {
    return revoke(RevokeMode.LET_RUN);
  }

  /**
   * Revokes the task: if it has not finished, it ends {@link TaskState#REVOKED} and will not run;
   * {@link RevokeMode#TERMINATE} also interrupts an attempt that is running now.
   *
   * @return true if this call revoked it, false if it had already finished
   */
  boolean revoke(RevokeMode mode);
}
