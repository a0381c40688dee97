package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.RevokeMode;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.DeadLetter;
import dev.celeriac.api.spi.FinishResult;
import dev.celeriac.api.spi.TaskCompletion;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** One write waiting for the batching writer, with the future its caller holds. */
public sealed interface PendingWrite {

  /** The task this write is about, or null for a dead letter without a readable id. */
  @Nullable TaskId taskId();

  /** The caller's future; completed only after the batch that holds the write commits. */
  CompletableFuture<?> future();

  /** A submission to record as PENDING if the task has no row yet. */
  record Submit(TaskMessage message, CompletableFuture<Void> future) implements PendingWrite {
    @Override
    public TaskId taskId() {
      return message.id();
    }
  }

  /** A submission with an eta: SCHEDULED if absent, plus its delayed entry due at the eta. */
  record Schedule(TaskMessage message, CompletableFuture<Void> future) implements PendingWrite {
    @Override
    public TaskId taskId() {
      return message.id();
    }
  }

  /** The start of an attempt on a worker. */
  record Start(
      TaskMessage message, String workerId, Instant startedAt, CompletableFuture<TaskState> future)
      implements PendingWrite {
    @Override
    public TaskId taskId() {
      return message.id();
    }
  }

  /** The end of an attempt, with an optional retry for the delayed table. */
  record Finish(TaskCompletion completion, CompletableFuture<FinishResult> future)
      implements PendingWrite {
    @Override
    public TaskId taskId() {
      return completion.id();
    }
  }

  /** A message that cannot run; moves its task (if it has an id) to DEAD. */
  record Dead(DeadLetter deadLetter, CompletableFuture<FinishResult> future)
      implements PendingWrite {
    @Override
    public @Nullable TaskId taskId() {
      return deadLetter.taskId();
    }
  }

  /**
   * A revocation; remembered for later if the task has no row yet, and for the worker running the
   * task if {@code mode} is {@link RevokeMode#TERMINATE}.
   */
  record Revoke(TaskId taskId, Instant at, RevokeMode mode, CompletableFuture<FinishResult> future)
      implements PendingWrite {
    /** A revocation that lets a running attempt finish. */
    public Revoke(TaskId taskId, Instant at, CompletableFuture<FinishResult> future) {
      this(taskId, at, RevokeMode.LET_RUN, future);
    }
  }
}
