package dev.celeriac.testing.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.TaskRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Futures waiting for tasks to finish. Registration and collection happen under the store's lock;
 * completion happens after it is released, so waiters' callbacks may call the store again.
 */
final class FinishWaiters {
  private final Map<TaskId, List<CompletableFuture<TaskRecord>>> waiting = new HashMap<>();
  private final List<Runnable> ready = new ArrayList<>();

  void add(TaskId id, CompletableFuture<TaskRecord> future) {
    waiting.computeIfAbsent(id, k -> new ArrayList<>()).add(future);
  }

  void remove(TaskId id, CompletableFuture<TaskRecord> future) {
    List<CompletableFuture<TaskRecord>> futures = waiting.get(id);
    if (futures != null && futures.remove(future) && futures.isEmpty()) {
      waiting.remove(id);
    }
  }

  /** Queues the completion of every waiter of {@code finished}'s task. */
  void finished(TaskRecord finished) {
    List<CompletableFuture<TaskRecord>> futures = waiting.remove(finished.id());
    if (futures != null) {
      futures.forEach(f -> ready.add(() -> f.complete(finished)));
    }
  }

  /** Queues the failure of every waiter, because the store closed. */
  void failAll(RuntimeException reason) {
    waiting
        .values()
        .forEach(fs -> fs.forEach(f -> ready.add(() -> f.completeExceptionally(reason))));
    waiting.clear();
  }

  /** Takes the completions queued so far, to run once the lock is released. */
  List<Runnable> takeReady() {
    List<Runnable> taken = List.copyOf(ready);
    ready.clear();
    return taken;
  }
}
