package dev.celeriac.worker.internal;

import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.TaskCompletion;
import dev.celeriac.api.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The store writes of one attempt, each waited for until committed, with a bound: a store that does
 * not answer within {@code timeout} counts as failed. Thread-safe.
 */
public final class StoreWrites {
  private final TaskStore store;
  private final Duration timeout;

  /** Writes to {@code store}, waiting at most {@code timeout} for each commit. */
  public StoreWrites(TaskStore store, Duration timeout) {
    this.store = store;
    this.timeout = timeout;
  }

  /**
   * {@link TaskStore#recordStarted}, committed.
   *
   * @throws StoreWriteFailedException if the write failed, timed out or was interrupted
   */
  public TaskState recordStarted(TaskMessage message, String workerId, Instant at) {
    return await(
        () -> store.recordStarted(message, workerId, at),
        "recording the start of task " + message.id());
  }

  /**
   * {@link TaskStore#recordFinished}, committed.
   *
   * @throws StoreWriteFailedException if the write failed, timed out or was interrupted
   */
  public FinishResult recordFinished(TaskCompletion completion) {
    return await(
        () -> store.recordFinished(completion),
        "recording " + completion.state() + " for task " + completion.id());
  }

  /**
   * {@link TaskStore#recordDead}, committed.
   *
   * @throws StoreWriteFailedException if the write failed, timed out or was interrupted
   */
  public FinishResult recordDead(DeadLetter deadLetter) {
    return await(
        () -> store.recordDead(deadLetter),
        "recording a dead letter from queue " + deadLetter.queue());
  }

  /**
   * {@link TaskStore#schedule}, committed.
   *
   * @throws StoreWriteFailedException if the write failed, timed out or was interrupted
   */
  public void schedule(TaskMessage message) {
    await(
        () -> store.schedule(message),
        "putting task " + message.id() + " back in the delayed table");
  }

  private <T> T await(Supplier<CompletableFuture<T>> write, String what) {
    try {
      return write.get().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new StoreWriteFailedException(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreWriteFailedException(what + " got no answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreWriteFailedException(what + " was interrupted", e);
    } catch (RuntimeException e) {
      throw new StoreWriteFailedException(what + " failed: " + e, e);
    }
  }
}
