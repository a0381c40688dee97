package dev.celeriac.store.postgres;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
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
import dev.celeriac.store.postgres.internal.BatchingWriter;
import dev.celeriac.store.postgres.internal.DeadLetterTable;
import dev.celeriac.store.postgres.internal.DelayedChangeListeners;
import dev.celeriac.store.postgres.internal.DelayedTable;
import dev.celeriac.store.postgres.internal.ListenerConnections;
import dev.celeriac.store.postgres.internal.PendingWrite;
import dev.celeriac.store.postgres.internal.ResultWaiting;
import dev.celeriac.store.postgres.internal.Retention;
import dev.celeriac.store.postgres.internal.TaskAggregates;
import dev.celeriac.store.postgres.internal.TaskReads;
import dev.celeriac.store.postgres.internal.TaskSearch;
import dev.celeriac.store.postgres.internal.WorkerTable;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TaskStore} on PostgreSQL (DESIGN.md, PostgreSQL). Writes from any number of threads go
 * through one batching writer (group commit): each write's future completes only after the
 * transaction holding it commits, and many writes share one transaction. Result waiting uses {@code
 * LISTEN/NOTIFY} on channel {@code celeriac_finished} with a polling fallback.
 *
 * <p>Lifecycle: {@link #builder()} … {@code build()}, then {@link #migrate()} (or {@link
 * PostgresSchema#migrate}) once per database, then {@link #start()}. Reads work from {@code
 * build()} on; writes need a started store and otherwise fail with a {@link TaskStoreException}.
 * {@link #close()} commits the writes already queued, then releases the connections; it is
 * idempotent and safe before {@code start()}.
 *
 * <p>A write whose future fails with a {@link TaskStoreException} was not committed, except when
 * the connection broke during the commit itself, when it may have been. Retrying is safe: a
 * repeated submission or schedule changes nothing, a repeated finish reports {@code applied ==
 * false} with the state it stored, and a repeated start adds one more attempt record.
 *
 * <p>Waiters registered with {@link #whenFinished} before {@link #start()} are checked again when
 * the store starts. Instants are stored with PostgreSQL's microsecond precision. A completion for a
 * task the store never saw creates its row, named and queued {@value #UNKNOWN} unless the
 * completion carries a retry message, so no result is lost. All methods are thread-safe.
 */
public final class PostgresTaskStore
    implements TaskStore, DeadLetterStore, TaskStatistics, TaskChangeFeed {
  /** The name and queue recorded for a task first seen through a completion without a message. */
  public static final String UNKNOWN = "unknown";

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final DataSource dataSource;
  private final @Nullable HikariDataSource ownedPool;
  private final BatchingWriter writer;
  private final ResultWaiting waiting;
  private final TaskReads reads;
  private final TaskSearch search;
  private final DelayedTable delayed;
  private final Retention retention;
  private final WorkerTable workers;
  private final DeadLetterTable deadLetterTable;
  private final TaskAggregates aggregates;
  private final DelayedChangeListeners delayedChanges = new DelayedChangeListeners();

  PostgresTaskStore(
      DataSource dataSource,
      @Nullable HikariDataSource ownedPool,
      ListenerConnections listenerConnections,
      int maxBatchSize,
      Duration resultPollInterval,
      InstantSource clock) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.reads = new TaskReads(dataSource);
    this.search = new TaskSearch(dataSource);
    this.delayed = new DelayedTable(dataSource);
    this.retention = new Retention(dataSource);
    this.workers = new WorkerTable(dataSource);
    this.deadLetterTable = new DeadLetterTable(dataSource);
    this.aggregates = new TaskAggregates(dataSource);
    this.writer = new BatchingWriter(dataSource, maxBatchSize, clock);
    this.waiting =
        new ResultWaiting(reads, listenerConnections, resultPollInterval, delayedChanges);
  }

  /** A builder; set either {@code jdbcUrl} (with user and password) or {@code dataSource}. */
  public static PostgresTaskStoreBuilder builder() {
    return new PostgresTaskStoreBuilder();
  }

  /**
   * Applies Celeriac's pending schema migrations to this store's database (see {@link
   * PostgresSchema#migrate}). Call before {@link #start()}; harmless when already migrated.
   *
   * @return how many migrations were applied
   * @throws TaskStoreException if migrating fails
   */
  public int migrate() {
    return PostgresSchema.migrate(dataSource);
  }

  /**
   * Starts the writer thread, the result listener and the polling fallback.
   *
   * @throws IllegalStateException if the store was already started or closed
   */
  public void start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("the task store was already " + state.get());
    }
    writer.start();
    waiting.start();
  }

  /**
   * The connection pool this store uses, to share with a {@link PostgresScheduleStore} or {@link
   * PostgresMaintenanceStore}. A pool the store created is closed by {@link #close()}.
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The batching writer's counters since start: batches and writes committed and failed. */
  public WriteStats writeStats() {
    return writer.stats();
  }

  /** How many task ids have waiters from {@link #whenFinished}; for tests and metrics. */
  public int waitingCount() {
    return waiting.waitingCount();
  }

  @Override
  public CompletableFuture<Void> recordSubmitted(TaskMessage message) {
    requireNonNull(message, "message");
    var future = new CompletableFuture<Void>();
    writer.submit(new PendingWrite.Submit(message, future));
    return future;
  }

  @Override
  public CompletableFuture<Void> schedule(TaskMessage message) {
    requireNonNull(message, "message");
    var future = new CompletableFuture<Void>();
    writer.submit(new PendingWrite.Schedule(message, future));
    return future;
  }

  @Override
  public CompletableFuture<TaskState> recordStarted(
      TaskMessage message, String workerId, Instant startedAt) {
    requireNonNull(message, "message");
    requireNonNull(workerId, "workerId");
    requireNonNull(startedAt, "startedAt");
    var future = new CompletableFuture<TaskState>();
    writer.submit(new PendingWrite.Start(message, workerId, startedAt, future));
    return future;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The attempt's history row is closed even when the finish loses to a terminal state that was
   * already stored; the retry is only stored when the finish applied.
   */
  @Override
  public CompletableFuture<FinishResult> recordFinished(TaskCompletion completion) {
    requireNonNull(completion, "completion");
    var future = new CompletableFuture<FinishResult>();
    writer.submit(new PendingWrite.Finish(completion, future));
    return future;
  }

  @Override
  public CompletableFuture<FinishResult> recordDead(DeadLetter deadLetter) {
    requireNonNull(deadLetter, "deadLetter");
    var future = new CompletableFuture<FinishResult>();
    writer.submit(new PendingWrite.Dead(deadLetter, future));
    return future;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Revoking an id the store has not seen yet is remembered: its later submission, schedule or
   * start records it as {@link TaskState#REVOKED}. A revoked task's delayed entries are dropped.
   */
  @Override
  public CompletableFuture<FinishResult> revoke(TaskId id, Instant at, RevokeMode mode) {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(mode, "mode");
    var future = new CompletableFuture<FinishResult>();
    writer.submit(new PendingWrite.Revoke(id, at, mode, future));
    return future;
  }

  /**
   * {@inheritDoc}
   *
   * @throws TaskStoreException if the database cannot be reached
   */
  @Override
  public Set<TaskId> terminationsRequested(Collection<TaskId> running) {
    requireNonNull(running, "running");
    return reads.terminationsAmong(running);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit < 1} or {@code lease} is not positive
   * @throws TaskStoreException if the database cannot be reached
   */
  @Override
  public List<TaskMessage> claimDue(Instant now, int limit, Duration lease) {
    requireNonNull(now, "now");
    requireNonNull(lease, "lease");
    return delayed.claimDue(now, limit, lease);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Deletes exactly the entries this store claimed through {@link #claimDue} and that are still
   * under that claim. An entry of the same task written after the claim (the next retry, or the
   * same retry stored again by a rerun, which resets its claim) or claimed by another dispatcher
   * since is kept: at worst it is published twice, never lost. Ids this store did not claim are
   * ignored.
   */
  @Override
  public void removeDelayed(Collection<TaskId> ids) {
    requireNonNull(ids, "ids");
    delayed.removeDelayed(ids);
  }

  /** {@inheritDoc} A claimed entry counts as due when its lease ends. */
  @Override
  public Optional<Instant> nextDue() {
    return delayed.nextDue();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Woken by {@code NOTIFY celeriac_delayed}, which a trigger sends from every transaction that
   * adds or re-times delayed entries, in any process sharing the database; the listener runs on the
   * store's listener thread, and is also called whenever that thread (re)connects. Listeners hear
   * nothing before {@link #start()} or after {@link #close()}.
   */
  @Override
  public AutoCloseable onDelayedChange(Runnable listener) {
    requireNonNull(listener, "listener");
    return delayedChanges.add(listener);
  }

  @Override
  public Optional<TaskRecord> find(TaskId id) {
    requireNonNull(id, "id");
    return reads.find(id);
  }

  /** {@inheritDoc} A redelivered attempt that ran again has a record per run. */
  @Override
  public List<AttemptRecord> attempts(TaskId id) {
    requireNonNull(id, "id");
    return reads.attempts(id);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The future is completed on a virtual thread. If the database cannot be read when the wait
   * begins, the future fails with a {@link TaskStoreException}; if the store closes first, it fails
   * with one too.
   */
  @Override
  public CompletableFuture<TaskRecord> whenFinished(TaskId id) {
    requireNonNull(id, "id");
    return waiting.whenFinished(id);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@link TaskQuery#text()} matches a whole task id exactly, or else a part of the task name
   * (case-insensitive).
   */
  @Override
  public TaskPage query(TaskQuery query) {
    requireNonNull(query, "query");
    return search.query(query);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  @Override
  public List<DeadLetter> deadLetters(int limit) {
    return reads.deadLetters(limit);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The id is the row's identity column; a re-driven letter keeps its row with {@code
   * redriven_at} set.
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  @Override
  public List<DeadLetterEntry> openDeadLetters(int limit) {
    return deadLetterTable.open(limit);
  }

  @Override
  public Optional<DeadLetterEntry> findDeadLetter(long id) {
    return deadLetterTable.find(id);
  }

  @Override
  public boolean markRedriven(long id, Instant at) {
    return deadLetterTable.markRedriven(id, requireNonNull(at, "at"));
  }

  @Override
  public boolean discardDeadLetter(long id) {
    return deadLetterTable.discard(id);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Three aggregate queries ({@code count … GROUP BY state}, {@code date_trunc('minute', …)} and
   * {@code percentile_cont}) in one repeatable-read snapshot; run time is {@code finished_at -
   * started_at} of the task row.
   */
  @Override
  public TaskStats stats(Instant since) {
    return aggregates.stats(requireNonNull(since, "since"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws TaskStoreException if the database cannot be reached
   */
  @Override
  public List<QueueActivity> queueActivity(Instant since) {
    return aggregates.queueActivity(requireNonNull(since, "since"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Every write that changes a task sets its {@code updated_at} to the time its transaction
   * started; the batching writer's transactions last milliseconds.
   *
   * @throws TaskStoreException if the database cannot be reached
   */
  @Override
  public List<TaskChange> changesAfter(Instant changedAt, TaskId afterId, int limit) {
    requireNonNull(changedAt, "changedAt");
    requireNonNull(afterId, "afterId");
    if (limit < 1 || limit > TaskQuery.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be 1.." + TaskQuery.MAX_LIMIT + ", was " + limit);
    }
    return reads.changesAfter(changedAt, afterId, limit);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Rows locked by a concurrent write are skipped, and the delayed entries of deleted tasks go
   * with them.
   *
   * @throws IllegalArgumentException if {@code maxRows < 1}
   */
  @Override
  public int deleteFinishedBefore(Instant cutoff, int maxRows) {
    requireNonNull(cutoff, "cutoff");
    return retention.deleteFinishedBefore(cutoff, maxRows);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Written at once on the calling thread (heartbeats are rare); the returned future is already
   * complete, exceptionally with a {@link TaskStoreException} if the write failed.
   */
  @Override
  public CompletableFuture<Void> recordHeartbeat(WorkerHeartbeat heartbeat) {
    requireNonNull(heartbeat, "heartbeat");
    try {
      workers.record(heartbeat);
      return CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public List<WorkerHeartbeat> workers() {
    return workers.list();
  }

  /**
   * Commits the writes already queued (completing their futures), stops the listener and the
   * polling, fails the remaining waiters with a {@link TaskStoreException}, and closes the pool if
   * this store created it. Idempotent; safe before {@link #start()}.
   */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    if (previous == State.RUNNING) {
      writer.close();
      waiting.close();
    }
    if (ownedPool != null) {
      ownedPool.close();
    }
  }
}
