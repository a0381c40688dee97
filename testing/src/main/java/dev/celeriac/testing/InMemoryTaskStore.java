package dev.celeriac.testing;

import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.UnknownTaskIdException;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.DeadLetterEntry;
import dev.celeriac.api.spi.DeadLetterStore;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.QueueActivity;
import dev.celeriac.api.spi.TaskChangeFeed;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskPage;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.api.spi.TaskStatistics;
import dev.celeriac.api.spi.TaskStats;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.api.spi.WorkerHeartbeat;
import dev.celeriac.testing.internal.StoreOperations;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link TaskStore} in memory with the semantics of the PostgreSQL one, for tests without a
 * server. It passes the same {@code TaskStoreContractTest} and {@code OperatorStoreContractTest}.
 *
 * <p>Every operation is atomic and its future is complete when the method returns (an in-memory
 * "commit"). {@link #whenFinished} futures complete on the thread whose write finished the task,
 * after the store's lock is released, so their callbacks may use the store. Leases of {@link
 * #claimDue} and the due time of messages without an eta follow the clock given at construction,
 * typically a {@link ManualClock}. After {@link #close()} every method throws {@link
 * IllegalStateException} (futures fail with it) and pending {@code whenFinished} futures fail with
 * it. Thread-safe.
 */
public final class InMemoryTaskStore
    implements TaskStore, DeadLetterStore, TaskStatistics, TaskChangeFeed {
  private final StoreOperations operations;

  /** An empty store on the system clock. */
  public InMemoryTaskStore() {
    this(InstantSource.system());
  }

  /** An empty store whose leases and default due times follow {@code clock}. */
  public InMemoryTaskStore(InstantSource clock) {
    this.operations = new StoreOperations(clock);
  }

  /** Records {@code message} as {@link TaskState#PENDING} unless the task already has a row. */
  @Override
  public CompletableFuture<Void> recordSubmitted(TaskMessage message) {
    return operations.recordSubmitted(message);
  }

  /**
   * Puts {@code message} in the delayed table due at its eta (now, if none) and records it as
   * {@link TaskState#SCHEDULED} unless it has a row.
   */
  @Override
  public CompletableFuture<Void> schedule(TaskMessage message) {
    return operations.schedule(message);
  }

  /**
   * Records the start of an attempt, creating the row if needed; returns {@link TaskState#STARTED},
   * or the terminal state the task already has (then nothing is written).
   */
  @Override
  public CompletableFuture<TaskState> recordStarted(
      TaskMessage message, String workerId, Instant startedAt) {
    return operations.recordStarted(message, workerId, startedAt);
  }

  /**
   * Records the end of an attempt and, atomically, its retry message in the delayed table. The
   * future fails with {@link UnknownTaskIdException} if the task has no row.
   */
  @Override
  public CompletableFuture<FinishResult> recordFinished(TaskCompletion completion) {
    return operations.recordFinished(completion);
  }

  /**
   * Keeps {@code deadLetter} and moves its task to {@link TaskState#DEAD} unless it finished. When
   * the task has no row yet but the letter's bytes are a readable envelope, the row is created from
   * it, so the task is not reported as unknown.
   */
  @Override
  public CompletableFuture<FinishResult> recordDead(DeadLetter deadLetter) {
    return operations.recordDead(deadLetter);
  }

  /**
   * Revokes the task unless it finished, and drops its delayed entry. An id the store has not seen
   * yet is remembered: when the task arrives it is recorded as {@link TaskState#REVOKED} and never
   * starts.
   */
  @Override
  public CompletableFuture<FinishResult> revoke(TaskId id, Instant at, RevokeMode mode) {
    return operations.revoke(id, at, mode);
  }

  /** The ids among {@code running} whose task was revoked with {@link RevokeMode#TERMINATE}. */
  @Override
  public Set<TaskId> terminationsRequested(Collection<TaskId> running) {
    return operations.terminationsRequested(running);
  }

  /**
   * Claims up to {@code limit} delayed messages due at {@code now}, earliest first, each leased for
   * {@code lease} on the store's clock.
   *
   * @throws IllegalArgumentException if {@code limit} or {@code lease} is not positive
   */
  @Override
  public List<TaskMessage> claimDue(Instant now, int limit, Duration lease) {
    return operations.claimDue(now, limit, lease);
  }

  /** Deletes delayed entries; unknown ids are ignored. */
  @Override
  public void removeDelayed(Collection<TaskId> ids) {
    operations.removeDelayed(ids);
  }

  /** When the earliest delayed message becomes claimable (its due time, or its lease end). */
  @Override
  public Optional<Instant> nextDue() {
    return operations.nextDue();
  }

  /**
   * Registers {@code listener} for delayed changes. It runs on the thread whose {@link #schedule}
   * or retrying {@link #recordFinished} added the entry, after the store's lock is released and
   * before that call returns; an exception it throws is logged and ignored.
   */
  @Override
  public AutoCloseable onDelayedChange(Runnable listener) {
    return operations.onDelayedChange(listener);
  }

  /** The task's latest record, or empty for an id never seen (or deleted by retention). */
  @Override
  public Optional<TaskRecord> find(TaskId id) {
    return operations.find(id);
  }

  /** The task's attempts, first to last. */
  @Override
  public List<AttemptRecord> attempts(TaskId id) {
    return operations.attempts(id);
  }

  /**
   * Completes with the task's record once it is terminal; at once if it already is. Waiting for an
   * id not recorded yet is allowed. Cancelling the future unregisters it.
   */
  @Override
  public CompletableFuture<TaskRecord> whenFinished(TaskId id) {
    return operations.whenFinished(id);
  }

  /** One page of matching tasks, newest submission first (ties by id), keyset-paginated. */
  @Override
  public TaskPage query(TaskQuery query) {
    return operations.query(query);
  }

  /**
   * Up to {@code limit} dead letters, newest first.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  @Override
  public List<DeadLetter> deadLetters(int limit) {
    return operations.deadLetters(limit);
  }

  /**
   * Up to {@code limit} dead letters neither re-driven nor discarded, newest first; ids count up
   * from 1 in the order the letters were recorded.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  @Override
  public List<DeadLetterEntry> openDeadLetters(int limit) {
    return operations.openDeadLetters(limit);
  }

  /** The dead letter with this id, re-driven or not, unless it was discarded. */
  @Override
  public Optional<DeadLetterEntry> findDeadLetter(long id) {
    return operations.findDeadLetter(id);
  }

  /** Marks the letter re-driven; true only for the first mark of a stored letter. */
  @Override
  public boolean markRedriven(long id, Instant at) {
    return operations.markRedriven(id, at);
  }

  /** Deletes the letter; false if there was none with this id. */
  @Override
  public boolean discardDeadLetter(long id) {
    return operations.discardDeadLetter(id);
  }

  /**
   * Counts by state, per-minute throughput and run-time percentiles (interpolated like PostgreSQL's
   * {@code percentile_cont}) computed from every stored task.
   */
  @Override
  public TaskStats stats(Instant since) {
    return operations.stats(since);
  }

  @Override
  public List<QueueActivity> queueActivity(Instant since) {
    return operations.queueActivity(since);
  }

  /** Rows are stamped with the store's clock at each change. */
  @Override
  public List<TaskChange> changesAfter(Instant changedAt, TaskId afterId, int limit) {
    return operations.changesAfter(changedAt, afterId, limit);
  }

  /**
   * Deletes up to {@code maxRows} tasks that finished before {@code cutoff}, oldest first, with
   * their attempts.
   *
   * @throws IllegalArgumentException if {@code maxRows} is not positive
   */
  @Override
  public int deleteFinishedBefore(Instant cutoff, int maxRows) {
    return operations.deleteFinishedBefore(cutoff, maxRows);
  }

  /** Keeps {@code heartbeat} as its worker's only row, replacing the previous one. */
  @Override
  public CompletableFuture<Void> recordHeartbeat(WorkerHeartbeat heartbeat) {
    return operations.recordHeartbeat(heartbeat);
  }

  /** Every worker's latest heartbeat, most recent beat first (ties by worker id). */
  @Override
  public List<WorkerHeartbeat> workers() {
    return operations.workers();
  }

  /** Closes the store and fails pending {@link #whenFinished} futures. Idempotent. */
  @Override
  public void close() {
    operations.close();
  }
}
