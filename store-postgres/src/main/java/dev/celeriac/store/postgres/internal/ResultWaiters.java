package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.TaskRecord;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The futures waiting for tasks to finish, by task id. A future leaves the registry when it
 * completes for any reason, including its caller cancelling it. Futures are completed on {@code
 * completer}, so a slow callback never holds up the thread that learned of the result.
 */
final class ResultWaiters {
  private final ConcurrentHashMap<TaskId, Set<CompletableFuture<TaskRecord>>> waiting =
      new ConcurrentHashMap<>();
  private final Executor completer;

  ResultWaiters(Executor completer) {
    this.completer = completer;
  }

  CompletableFuture<TaskRecord> register(TaskId id) {
    CompletableFuture<TaskRecord> future = new CompletableFuture<>();
    waiting.compute(
        id,
        (key, futures) -> {
          Set<CompletableFuture<TaskRecord>> set =
              futures == null ? ConcurrentHashMap.newKeySet() : futures;
          set.add(future);
          return set;
        });
    future.whenComplete((record, error) -> remove(id, future));
    return future;
  }

  private void remove(TaskId id, CompletableFuture<TaskRecord> future) {
    waiting.computeIfPresent(
        id,
        (key, futures) -> {
          futures.remove(future);
          return futures.isEmpty() ? null : futures;
        });
  }

  /** The ids someone waits for, a snapshot. */
  List<TaskId> ids() {
    return List.copyOf(waiting.keySet());
  }

  /** Those of {@code ids} someone waits for. */
  List<TaskId> waitedFor(Collection<TaskId> ids) {
    return ids.stream().filter(waiting::containsKey).distinct().toList();
  }

  int size() {
    return waiting.size();
  }

  /** Completes every waiter of the finished task. */
  void complete(TaskRecord record) {
    Set<CompletableFuture<TaskRecord>> futures = waiting.remove(record.id());
    if (futures != null) {
      try {
        completer.execute(() -> futures.forEach(f -> f.complete(record)));
      } catch (RejectedExecutionException e) {
        // The store is closing; completing here is still better than leaving the waiter hanging.
        futures.forEach(f -> f.complete(record));
      }
    }
  }

  /** Fails every waiter, as the store closes. */
  void failAll(Throwable error) {
    for (TaskId id : ids()) {
      Set<CompletableFuture<TaskRecord>> futures = waiting.remove(id);
      if (futures != null) {
        futures.forEach(f -> f.completeExceptionally(error));
      }
    }
  }
}
