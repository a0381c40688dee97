package dev.celeriac.api;

/**
 * A submission did not become durable: the broker or store refused it or did not answer in time.
 */
public class SubmitException extends CeleriacException {
  private static final long serialVersionUID = 1L;
  private final TaskId taskId;

  /** Submitting {@code taskId} failed as {@code message} says, because of {@code cause}. */
  public SubmitException(TaskId taskId, String message, Throwable cause) {
    super(message, cause);
    this.taskId = taskId;
  }

  /** The id the failed submission would have had. */
  public TaskId taskId() {
    return taskId;
  }
}
