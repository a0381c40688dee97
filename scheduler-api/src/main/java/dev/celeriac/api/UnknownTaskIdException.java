package dev.celeriac.api;

/** The store has never seen this task id (it was never submitted, or its record was deleted). */
public class UnknownTaskIdException extends CeleriacException {
  private static final long serialVersionUID = 1L;
  private final TaskId taskId;

  /** No task has id {@code taskId}. */
  public UnknownTaskIdException(TaskId taskId) {
    super("no task with id " + taskId);
    this.taskId = taskId;
  }

  /** The id that was looked up. */
  public TaskId taskId() {
    return taskId;
  }
}
