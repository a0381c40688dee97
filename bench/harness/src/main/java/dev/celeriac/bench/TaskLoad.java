package dev.celeriac.bench;

import dev.celeriac.api.TaskHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Submits many tasks as fast as the client takes them, from {@value #SUBMITTERS} virtual threads,
 * and waits for their results through their {@link TaskHandle}s, as an application would.
 */
final class TaskLoad {
  /** Submissions in flight at once. */
  static final int SUBMITTERS = 64;

  /**
   * What a load measured.
   *
   * @param startNanos when the first submission began
   * @param submittedNanos when the last submission was durable
   * @param doneNanos when the last result arrived, or when waiting gave up
   * @param finished results that arrived (successful or not)
   * @param failed results that were not a success
   */
  record Outcome(long startNanos, long submittedNanos, long doneNanos, int finished, int failed) {
    double submitSeconds() {
      return (submittedNanos - startNanos) / 1e9;
    }

    double totalSeconds() {
      return (doneNanos - startNanos) / 1e9;
    }
  }

  private TaskLoad() {}

  // A submission that fails counts as a failed task; the others go on.
  private static CompletableFuture<?> submitOne(IntFunction<TaskHandle<?>> submit, int index) {
    try {
      return submit.apply(index).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Submits {@code count} tasks with {@code submit} (given the index) and waits at most {@code
   * patience} after the last submission for all their results.
   */
  static Outcome run(int count, IntFunction<TaskHandle<?>> submit, Duration patience)
      throws Exception {
    List<Future<List<CompletableFuture<?>>>> parts = new ArrayList<>();
    long start = System.nanoTime();
    try (ExecutorService submitters = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int part = 0; part < SUBMITTERS; part++) {
        int first = part;
        parts.add(
            submitters.submit(
                () -> {
                  List<CompletableFuture<?>> results = new ArrayList<>();
                  for (int i = first; i < count; i += SUBMITTERS) {
                    results.add(submitOne(submit, i));
                  }
                  return results;
                }));
      }
      List<CompletableFuture<?>> results = new ArrayList<>(count);
      for (Future<List<CompletableFuture<?>>> part : parts) {
        results.addAll(part.get());
      }
      long submitted = System.nanoTime();
      try {
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
            .exceptionally(e -> null)
            .get(patience.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // Counted below: the row says how many finished.
      }
      long done = System.nanoTime();
      int finished = 0;
      int failed = 0;
      for (CompletableFuture<?> result : results) {
        if (result.isDone()) {
          finished++;
          if (result.isCompletedExceptionally()) {
            failed++;
          }
        }
      }
      return new Outcome(start, submitted, done, finished, failed);
    }
  }
}
