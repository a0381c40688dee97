package dev.celeriac.api;

import java.time.Duration;

/** A wait for a task's result ended before the task finished. The task itself goes on. */
public class ResultTimeoutException extends CeleriacException {
  private static final long serialVersionUID = 1L;
  private final TaskId taskId;
  private final TaskState lastSeenState;

  /** Waiting {@code waited} for {@code taskId}, last seen in {@code lastSeenState}, timed out. */
  public ResultTimeoutException(TaskId taskId, Duration waited, TaskState lastSeenState) {
    super("task " + taskId + " did not finish within " + waited + "; it is " + lastSeenState);
    this.taskId = taskId;
    this.lastSeenState = lastSeenState;
  }

  /** The task waited for. */
  public TaskId taskId() {
    return taskId;
  }

  /** The task's state when the wait ended. */
  public TaskState lastSeenState() {
    return lastSeenState;
  }
}
