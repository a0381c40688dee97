package dev.celeriac.worker;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.AttemptRecord;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskPage;
import dev.celeriac.api.spi.TaskQuery;
import dev.celeriac.api.spi.TaskRecord;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.api.spi.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A map-based store for the worker's unit tests: the latest state per task (a terminal state is
 * never overwritten), the completions and dead letters written, optional slow commits and failing
 * writes. Only the writes the worker makes are supported.
 */
final class FakeTaskStore implements TaskStore {
  enum Write {
    STARTED,
    FINISHED,
    DEAD,
    SCHEDULED
  }

  private final Map<TaskId, TaskState> states = new HashMap<>();
  private final Set<TaskId> terminations = ConcurrentHashMap.newKeySet();
  private final List<TaskCompletion> completions = new CopyOnWriteArrayList<>();
  private final List<TaskCompletion> endedAttempts = new CopyOnWriteArrayList<>();
  private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  private final List<TaskMessage> scheduled = new CopyOnWriteArrayList<>();
  private final Set<Write> failing = EnumSet.noneOf(Write.class);
  private volatile Executor committer = Runnable::run;

  /** Commits every write on another thread after {@code delay} instead of at once. */
  FakeTaskStore commitAfter(Duration delay) {
    committer = CompletableFuture.delayedExecutor(delay.toMillis(), MILLISECONDS);
    return this;
  }

  /** Fails every write of kind {@code write}. */
  synchronized FakeTaskStore failing(Write write) {
    failing.add(write);
    return this;
  }

  /** Sets a task's state as if an earlier delivery or an operator had written it. */
  synchronized void putState(TaskId id, TaskState state) {
    states.put(id, state);
  }

  synchronized Optional<TaskState> state(TaskId id) {
    return Optional.ofNullable(states.get(id));
  }

  List<TaskCompletion> completions() {
    return List.copyOf(completions);
  }

  /** Every attempt end reported, applied or not (the real stores keep each in the history). */
  List<TaskCompletion> endedAttempts() {
    return List.copyOf(endedAttempts);
  }

  List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /** The messages put back in the delayed table, in order. */
  List<TaskMessage> scheduled() {
    return List.copyOf(scheduled);
  }

  @Override
  public CompletableFuture<TaskState> recordStarted(
      TaskMessage message, String workerId, Instant startedAt) {
    return commit(Write.STARTED, () -> start(message.id()));
  }

  @Override
  public CompletableFuture<FinishResult> recordFinished(TaskCompletion completion) {
    return commit(
        Write.FINISHED,
        () -> {
          FinishResult result = finish(completion.id(), completion.state());
          endedAttempts.add(completion);
          if (result.applied()) {
            completions.add(completion);
          }
          return result;
        });
  }

  @Override
  public CompletableFuture<FinishResult> recordDead(DeadLetter deadLetter) {
    return commit(
        Write.DEAD,
        () -> {
          deadLetters.add(deadLetter);
          return deadLetter.taskId() == null
              ? new FinishResult(true, TaskState.DEAD)
              : finish(deadLetter.taskId(), TaskState.DEAD);
        });
  }

  @Override
  public CompletableFuture<FinishResult> revoke(TaskId id, Instant at, RevokeMode mode) {
    FinishResult result = finish(id, TaskState.REVOKED);
    if (result.applied() && mode == RevokeMode.TERMINATE) {
      terminations.add(id);
    }
    return CompletableFuture.completedFuture(result);
  }

  @Override
  public Set<TaskId> terminationsRequested(Collection<TaskId> running) {
    Set<TaskId> requested = new HashSet<>(running);
    requested.retainAll(terminations);
    return requested;
  }

  private synchronized FinishResult finish(TaskId id, TaskState next) {
    TaskState current = states.get(id);
    if (current != null && current.isTerminal()) {
      return new FinishResult(false, current);
    }
    states.put(id, next);
    return new FinishResult(true, next);
  }

  private synchronized TaskState start(TaskId id) {
    TaskState current = states.get(id);
    if (current != null && current.isTerminal()) {
      return current;
    }
    states.put(id, TaskState.STARTED);
    return TaskState.STARTED;
  }

  private <T> CompletableFuture<T> commit(Write write, Supplier<T> change) {
    synchronized (this) {
      if (failing.contains(write)) {
        return CompletableFuture.failedFuture(new IllegalStateException("database is down"));
      }
    }
    var future = new CompletableFuture<T>();
    committer.execute(
        () -> {
          T result = change.get();
          future.complete(result);
        });
    return future;
  }

  @Override
  public CompletableFuture<Void> recordSubmitted(TaskMessage message) {
    throw new UnsupportedOperationException("the worker does not submit");
  }

  @Override
  public CompletableFuture<Void> schedule(TaskMessage message) {
    return commit(
        Write.SCHEDULED,
        () -> {
          scheduled.add(message);
          return null;
        });
  }

  @Override
  public List<TaskMessage> claimDue(Instant now, int limit, Duration lease) {
    throw new UnsupportedOperationException("the worker does not dispatch");
  }

  @Override
  public void removeDelayed(Collection<TaskId> ids) {
    throw new UnsupportedOperationException("the worker does not dispatch");
  }

  @Override
  public Optional<Instant> nextDue() {
    throw new UnsupportedOperationException("the worker does not dispatch");
  }

  @Override
  public Optional<TaskRecord> find(TaskId id) {
    throw new UnsupportedOperationException("tests read state(id)");
  }

  @Override
  public List<AttemptRecord> attempts(TaskId id) {
    throw new UnsupportedOperationException("tests read completions()");
  }

  @Override
  public CompletableFuture<TaskRecord> whenFinished(TaskId id) {
    throw new UnsupportedOperationException("the worker does not wait for results");
  }

  @Override
  public TaskPage query(TaskQuery query) {
    throw new UnsupportedOperationException("the worker does not query");
  }

  @Override
  public List<DeadLetter> deadLetters(int limit) {
    throw new UnsupportedOperationException("tests read deadLetters()");
  }

  @Override
  public int deleteFinishedBefore(Instant cutoff, int maxRows) {
    throw new UnsupportedOperationException("the worker does not delete");
  }

  @Override
  public CompletableFuture<Void> recordHeartbeat(WorkerHeartbeat heartbeat) {
    throw new UnsupportedOperationException("the processor does not beat");
  }

  @Override
  public List<WorkerHeartbeat> workers() {
    throw new UnsupportedOperationException("the processor does not list workers");
  }

  @Override
  public void close() {}
}
