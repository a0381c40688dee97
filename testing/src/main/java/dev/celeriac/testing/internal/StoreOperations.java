package dev.celeriac.testing.internal;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.MalformedMessageException;
import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
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
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory store's implementation. One lock makes every operation atomic, as one PostgreSQL
 * transaction would; waiters are completed after the lock is released.
 */
public final class StoreOperations
    implements TaskStore, DeadLetterStore, TaskStatistics, TaskChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(StoreOperations.class);
  // Only to recover the task row of a dead letter whose submission was never recorded.
  private static final TaskMessageCodec LENIENT_CODEC = new TaskMessageCodec(Integer.MAX_VALUE);

  private final ReentrantLock lock = new ReentrantLock();
  private final FinishWaiters waiters = new FinishWaiters();
  private final TaskTable tasks;
  private final DelayedTasks delayed = new DelayedTasks();
  private final DeadLetterShelf deadLetters = new DeadLetterShelf();
  private final Map<String, WorkerHeartbeat> workers = new HashMap<>();
  private final Set<TaskId> terminations = new HashSet<>();
  private final InstantSource clock;
  private final CopyOnWriteArrayList<Runnable> delayedListeners = new CopyOnWriteArrayList<>();
  private boolean closed;
  private boolean delayedChanged;

  /** Operations whose leases and default due times follow {@code clock}. */
  public StoreOperations(InstantSource clock) {
    this.clock = requireNonNull(clock, "clock");
    this.tasks = new TaskTable(waiters, clock);
  }

  @Override
  public CompletableFuture<Void> recordSubmitted(TaskMessage message) {
    requireNonNull(message, "message");
    return write(
        () -> {
          tasks.getOrCreate(message, TaskState.PENDING);
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> schedule(TaskMessage message) {
    requireNonNull(message, "message");
    return write(
        () -> {
          delayed.put(message, message.eta() != null ? message.eta() : clock.instant());
          delayedChanged = true;
          tasks.getOrCreate(message, TaskState.SCHEDULED);
          return null;
        });
  }

  @Override
  public CompletableFuture<TaskState> recordStarted(
      TaskMessage message, String workerId, Instant startedAt) {
    requireNonNull(message, "message");
    requireNonNull(workerId, "workerId");
    requireNonNull(startedAt, "startedAt");
    return write(
        () -> {
          TaskRow row = tasks.getOrCreate(message, TaskState.PENDING);
          if (row.isTerminal()) {
            return row.state;
          }
          tasks.start(row, message.attempt(), workerId, startedAt);
          return row.state;
        });
  }

  @Override
  public CompletableFuture<FinishResult> recordFinished(TaskCompletion completion) {
    requireNonNull(completion, "completion");
    return write(
        () -> {
          TaskRow row = tasks.get(completion.id());
          if (row == null) {
            throw new UnknownTaskIdException(completion.id());
          }
          if (row.isTerminal()) {
            tasks.closeAttempt(row, completion);
            return new FinishResult(false, row.state);
          }
          tasks.endAttempt(row, completion);
          TaskMessage retry = completion.retry();
          if (retry != null) {
            delayed.put(retry, retry.eta() != null ? retry.eta() : completion.finishedAt());
            delayedChanged = true;
          }
          return new FinishResult(true, row.state);
        });
  }

  @Override
  public CompletableFuture<FinishResult> recordDead(DeadLetter deadLetter) {
    requireNonNull(deadLetter, "deadLetter");
    return write(
        () -> {
          deadLetters.add(deadLetter);
          TaskId id = deadLetter.taskId();
          TaskRow row = id == null ? null : rowForDeadLetter(id, deadLetter.body());
          if (row == null) {
            return new FinishResult(true, TaskState.DEAD);
          }
          if (row.isTerminal()) {
            return new FinishResult(false, row.state);
          }
          delayed.remove(row.id);
          tasks.finish(row, TaskState.DEAD, deadLetter.at(), deadLetter.reason());
          return new FinishResult(true, TaskState.DEAD);
        });
  }

  private @Nullable TaskRow rowForDeadLetter(TaskId id, byte[] body) {
    TaskRow row = tasks.get(id);
    if (row != null) {
      return row;
    }
    try {
      TaskMessage message = LENIENT_CODEC.decode(body);
      return message.id().equals(id) ? tasks.getOrCreate(message, TaskState.PENDING) : null;
    } catch (MalformedMessageException e) {
      return null; // the letter keeps the bytes; there is no task row to describe
    }
  }

  @Override
  public CompletableFuture<FinishResult> revoke(TaskId id, Instant at, RevokeMode mode) {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(mode, "mode");
    return write(
        () -> {
          TaskRow row = tasks.get(id);
          if (row == null) {
            tasks.rememberRevocation(id, at);
            return new FinishResult(true, TaskState.REVOKED);
          }
          if (row.isTerminal()) {
            return new FinishResult(false, row.state);
          }
          delayed.remove(id);
          tasks.finish(row, TaskState.REVOKED, at, null);
          if (mode == RevokeMode.TERMINATE) {
            terminations.add(id);
          }
          return new FinishResult(true, TaskState.REVOKED);
        });
  }

  @Override
  public Set<TaskId> terminationsRequested(Collection<TaskId> running) {
    requireNonNull(running, "running");
    return locked(
        () -> {
          Set<TaskId> requested = new HashSet<>();
          for (TaskId id : running) {
            if (terminations.contains(id)) {
              requested.add(id);
            }
          }
          return requested;
        });
  }

  @Override
  public List<TaskMessage> claimDue(Instant now, int limit, Duration lease) {
    requireNonNull(now, "now");
    requireNonNull(lease, "lease");
    positive(limit, "limit");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    return locked(() -> delayed.claim(now, limit, clock.instant(), lease));
  }

  @Override
  public void removeDelayed(Collection<TaskId> ids) {
    requireNonNull(ids, "ids");
    locked(
        () -> {
          delayed.removeAll(ids);
          return null;
        });
  }

  @Override
  public Optional<Instant> nextDue() {
    return locked(delayed::nextDue);
  }

  @Override
  public Optional<TaskRecord> find(TaskId id) {
    requireNonNull(id, "id");
    return locked(() -> Optional.ofNullable(tasks.get(id)).map(TaskRow::toRecord));
  }

  @Override
  public List<AttemptRecord> attempts(TaskId id) {
    requireNonNull(id, "id");
    return locked(() -> tasks.attemptsOf(id));
  }

  @Override
  public CompletableFuture<TaskRecord> whenFinished(TaskId id) {
    requireNonNull(id, "id");
    return locked(
        () -> {
          TaskRow row = tasks.get(id);
          if (row != null && row.isTerminal()) {
            return CompletableFuture.completedFuture(row.toRecord());
          }
          CompletableFuture<TaskRecord> future = new CompletableFuture<>();
          waiters.add(id, future);
          future.whenComplete(
              (record, error) -> {
                if (future.isCancelled()) {
                  forget(id, future);
                }
              });
          return future;
        });
  }

  @Override
  public TaskPage query(TaskQuery query) {
    requireNonNull(query, "query");
    return locked(() -> TaskQueries.page(tasks.records(), query));
  }

  @Override
  public List<DeadLetter> deadLetters(int limit) {
    positive(limit, "limit");
    return locked(() -> deadLetters.newest(limit));
  }

  @Override
  public List<DeadLetterEntry> openDeadLetters(int limit) {
    positive(limit, "limit");
    return locked(() -> deadLetters.open(limit));
  }

  @Override
  public Optional<DeadLetterEntry> findDeadLetter(long id) {
    return locked(() -> deadLetters.find(id));
  }

  @Override
  public boolean markRedriven(long id, Instant at) {
    requireNonNull(at, "at");
    return locked(() -> deadLetters.markRedriven(id, at));
  }

  @Override
  public boolean discardDeadLetter(long id) {
    return locked(() -> deadLetters.discard(id));
  }

  @Override
  public TaskStats stats(Instant since) {
    requireNonNull(since, "since");
    return locked(() -> TaskStatsComputation.of(tasks.records(), since));
  }

  @Override
  public List<TaskChange> changesAfter(Instant changedAt, TaskId afterId, int limit) {
    requireNonNull(changedAt, "changedAt");
    requireNonNull(afterId, "afterId");
    if (limit < 1 || limit > TaskQuery.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be 1.." + TaskQuery.MAX_LIMIT + ", was " + limit);
    }
    return locked(() -> tasks.changesAfter(changedAt, afterId, limit));
  }

  @Override
  public List<QueueActivity> queueActivity(Instant since) {
    requireNonNull(since, "since");
    return locked(() -> TaskStatsComputation.queueActivity(tasks.records(), since));
  }

  @Override
  public int deleteFinishedBefore(Instant cutoff, int maxRows) {
    requireNonNull(cutoff, "cutoff");
    positive(maxRows, "maxRows");
    return locked(() -> tasks.deleteFinishedBefore(cutoff, maxRows));
  }

  @Override
  public CompletableFuture<Void> recordHeartbeat(WorkerHeartbeat heartbeat) {
    requireNonNull(heartbeat, "heartbeat");
    return write(
        () -> {
          workers.put(heartbeat.workerId(), heartbeat);
          return null;
        });
  }

  @Override
  public List<WorkerHeartbeat> workers() {
    return locked(
        () ->
            workers.values().stream()
                .sorted(
                    Comparator.comparing(WorkerHeartbeat::lastBeat)
                        .reversed()
                        .thenComparing(WorkerHeartbeat::workerId))
                .toList());
  }

  @Override
  public void close() {
    List<Runnable> failures;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      waiters.failAll(new IllegalStateException("the in-memory task store was closed"));
      failures = waiters.takeReady();
    } finally {
      lock.unlock();
    }
    failures.forEach(Runnable::run);
  }

  private <T> CompletableFuture<T> write(Supplier<T> operation) {
    try {
      return CompletableFuture.completedFuture(locked(operation));
    } catch (IllegalStateException | UnknownTaskIdException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private <T> T locked(Supplier<T> operation) {
    T result;
    List<Runnable> completions;
    boolean notifyDelayed;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the in-memory task store is closed");
      }
      result = operation.get();
      completions = waiters.takeReady();
    } finally {
      notifyDelayed = delayedChanged;
      delayedChanged = false;
      lock.unlock();
    }
    completions.forEach(Runnable::run);
    if (notifyDelayed) {
      notifyDelayedListeners();
    }
    return result;
  }

  /** See {@code TaskStore.onDelayedChange}: listeners run on the writing thread, after the lock. */
  @Override
  public AutoCloseable onDelayedChange(Runnable listener) {
    requireNonNull(listener, "listener");
    delayedListeners.add(listener);
    AtomicBoolean removed = new AtomicBoolean();
    return () -> {
      if (removed.compareAndSet(false, true)) {
        delayedListeners.remove(listener);
      }
    };
  }

  private void notifyDelayedListeners() {
    for (Runnable listener : delayedListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.warn("a delayed-change listener failed", e);
      }
    }
  }

  private void forget(TaskId id, CompletableFuture<TaskRecord> cancelled) {
    lock.lock();
    try {
      waiters.remove(id, cancelled);
    } finally {
      lock.unlock();
    }
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }
}
