package dev.celeriac.api;

import org.jspecify.annotations.Nullable;

/**
 * A task ended in a terminal state other than {@link TaskState#SUCCEEDED}: failed after its
 * retries, timed out, revoked, expired, or dead-lettered.
 */
public class TaskFailedException extends CeleriacException {
  private static final long serialVersionUID = 1L;
  private final TaskId taskId;
  private final TaskState state;
  private final @Nullable FailureInfo failure;

  /** Task {@code taskId} ended in {@code state}, with {@code failure} if one was recorded. */
  public TaskFailedException(TaskId taskId, TaskState state, @Nullable FailureInfo failure) {
    super("task " + taskId + " ended " + state + (failure == null ? "" : ": " + failure.summary()));
    this.taskId = taskId;
    this.state = state;
    this.failure = failure;
  }

  /** The task. */
  public TaskId taskId() {
    return taskId;
  }

  /** The terminal state it ended in. */
  public TaskState state() {
    return state;
  }

  /** The recorded failure (type, message, stack trace), if any. */
  public @Nullable FailureInfo failure() {
    return failure;
  }
}
