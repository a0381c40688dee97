package dev.celeriac.api.spi;

import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Durable task state: one row per task id with its latest state and result, the history of its
 * attempts, the delayed tasks waiting for their eta, and the dead letters.
 *
 * <p>Writes return futures that complete only after the write is committed; implementations batch
 * writes from many threads into few round trips. A terminal state is never overwritten: of two
 * writers racing to finish one task, exactly one wins and the other is told through {@link
 * FinishResult#applied()}. All methods are thread-safe.
 *
 * <p>Stability: may change between minor versions; every implementation runs {@code
 * TaskStoreContractTest} from the {@code celeriac-api} test-jar.
 */
public interface TaskStore extends AutoCloseable {

  /**
   * Records a submission as {@link TaskState#PENDING}. Never overwrites a row that exists, so a
   * state written first by a fast worker wins over this one.
   */
  CompletableFuture<Void> recordSubmitted(TaskMessage message);

  /**
   * Puts {@code message} in the delayed table, due at its eta (or now if it has none), and records
   * the task as {@link TaskState#SCHEDULED} unless it already has a row. Used for submissions with
   * an eta in the future.
   */
  CompletableFuture<Void> schedule(TaskMessage message);

  /**
   * Records that {@code workerId} started the attempt in {@code message}, creating the task row if
   * the submission was not recorded.
   *
   * @return the task's state after the call: {@link TaskState#STARTED} when the attempt was
   *     recorded, or the terminal state the task already had, in which case nothing was written and
   *     the task must not run again
   */
  CompletableFuture<TaskState> recordStarted(
      TaskMessage message, String workerId, Instant startedAt);

  /**
   * Records the end of an attempt, and, when {@link TaskCompletion#retry()} is set, puts the next
   * attempt in the delayed table in the same transaction, so a retry is durable before the delivery
   * is acknowledged.
   */
  CompletableFuture<FinishResult> recordFinished(TaskCompletion completion);

  /**
   * Records a message that cannot run (undecodable, unknown task, bad arguments): keeps its bytes
   * for a later re-drive and, when it carries a task id, moves that task to {@link TaskState#DEAD}
   * unless it already finished.
   */
  CompletableFuture<FinishResult> recordDead(DeadLetter deadLetter);

  /**
   * Moves the task to {@link TaskState#REVOKED} unless it already finished, letting a running
   * attempt finish on its own: the same as {@code revoke(id, at, RevokeMode.LET_RUN)}.
   *
   * @return whether the task was revoked by this call
   */
  default CompletableFuture<FinishResult> revoke(TaskId id, Instant at) {
    return revoke(id, at, RevokeMode.LET_RUN);
  }

  /**
   * Moves the task to {@link TaskState#REVOKED} unless it already finished. With {@link
   * RevokeMode#TERMINATE}, and only when this call revoked it, the task is also listed by {@link
   * #terminationsRequested} from the commit on, so the worker running it stops it.
   *
   * @return whether the task was revoked by this call
   */
  CompletableFuture<FinishResult> revoke(TaskId id, Instant at, RevokeMode mode);

  /**
   * Which of {@code running} (the ids of the attempts a worker runs now) were revoked with {@link
   * RevokeMode#TERMINATE}, so their attempts must be stopped. Workers call it about once a second
   * with every id they run, so it must be one cheap read (for PostgreSQL, a primary-key lookup).
   * Reads committed revocations only; an empty {@code running} returns an empty set.
   */
  Set<TaskId> terminationsRequested(Collection<TaskId> running);

  /**
   * Claims up to {@code limit} delayed tasks due at {@code now}, oldest first. A claimed task is
   * invisible to other callers for {@code lease}; call {@link #removeDelayed} once it is published,
   * or it becomes claimable again when the lease ends (so a crashed dispatcher loses nothing).
   */
  List<TaskMessage> claimDue(Instant now, int limit, Duration lease);

  /** Deletes delayed entries after their messages were published. */
  void removeDelayed(Collection<TaskId> ids);

  /** When the earliest delayed task is due, if any is waiting. */
  Optional<Instant> nextDue();

  /**
   * Registers {@code listener} to be called after a committed write added or re-timed delayed tasks
   * ({@link #schedule}, a retry through {@link #recordFinished}), from this or, where the store is
   * shared, any other process, so a dispatcher can re-read {@link #nextDue()} at once instead of
   * polling. Calls may be coalesced and may be spurious; a store also calls it after it
   * re-established a lost notification channel. Dispatchers must still wake at {@link #nextDue()}.
   *
   * <p>Threading: the listener runs on a thread of the store (its notification thread, or the
   * writing thread for an in-memory store); it must be quick and must not block or call the store.
   * An exception it throws is logged and ignored.
   *
   * <p>The default registers nothing, for stores that cannot notify: callers then depend on {@link
   * #nextDue()} and their own periodic check.
   *
   * @return a handle whose {@code close()} unregisters the listener; idempotent
   */
  default AutoCloseable onDelayedChange(Runnable listener) {
    Objects.requireNonNull(listener, "listener");
    return () -> {};
  }

  /** The task's latest record, or empty if this store never saw the id. */
  Optional<TaskRecord> find(TaskId id);

  /** The task's attempts, first to last. */
  List<AttemptRecord> attempts(TaskId id);

  /**
   * A future that completes with the task's record once it is in a terminal state (at once if it
   * already is). Cancelling the future stops the wait. Implementations are woken by the commit (for
   * PostgreSQL, {@code LISTEN/NOTIFY}), with a polling fallback.
   */
  CompletableFuture<TaskRecord> whenFinished(TaskId id);

  /** One page of tasks matching {@code query}, newest first, keyset-paginated. */
  TaskPage query(TaskQuery query);

  /** One page of dead letters, newest first. */
  List<DeadLetter> deadLetters(int limit);

  /**
   * Deletes up to {@code maxRows} tasks that finished before {@code cutoff}, with their attempts.
   *
   * @return how many tasks were deleted; call again while it returns {@code maxRows}
   */
  int deleteFinishedBefore(Instant cutoff, int maxRows);

  /**
   * Records a worker's heartbeat: inserts the worker's row, or replaces every field of the row that
   * has the same {@link WorkerHeartbeat#workerId()}. The future completes once committed.
   */
  CompletableFuture<Void> recordHeartbeat(WorkerHeartbeat heartbeat);

  /**
   * The latest heartbeat of every worker that ever beat (until retention removes it), most recent
   * {@link WorkerHeartbeat#lastBeat()} first. Whether a worker is alive is the caller's judgement
   * from that time.
   */
  List<WorkerHeartbeat> workers();

  /** Flushes pending writes and releases connections. Idempotent. */
  @Override
  void close();
}
