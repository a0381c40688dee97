package dev.celeriac.api;

/**
 * Where a task is in its life. The allowed moves between states are {@link #canMoveTo(TaskState)};
 * a terminal state is final, so each task id has exactly one result record.
 */
public enum TaskState {
  /** Submitted and recorded, waiting in the broker for a worker. */
  PENDING,
  /** Waiting for its eta (or a retry's backoff) in the store's delayed table. */
  SCHEDULED,
  /** A worker is running it. */
  STARTED,
  /** An attempt failed and another one is scheduled. */
  RETRYING,
  /** An attempt exceeded its timeout; a retry may follow. */
  TIMED_OUT,
  /** Finished with a result. Terminal. */
  SUCCEEDED,
  /** Failed and will not be retried. Terminal. */
  FAILED,
  /** Revoked before it finished. Terminal. */
  REVOKED,
  /** Its expiry passed before it ran. Terminal. */
  EXPIRED,
  /**
   * Could not be run at all (unknown task, bad arguments, undecodable); dead-lettered. Terminal.
   */
  DEAD;

  /** True for the states a task never leaves. */
  public boolean isTerminal() {
    return switch (this) {
      case PENDING, SCHEDULED, STARTED, RETRYING, TIMED_OUT -> false;
      case SUCCEEDED, FAILED, REVOKED, EXPIRED, DEAD -> true;
    };
  }

  /**
   * Whether a task in this state may move to {@code next}. Moving to the same non-terminal state is
   * allowed (a redelivered task starts again), except that nothing moves to {@link #PENDING}, not
   * even from {@code PENDING}: only a submission creates that state.
   */
  public boolean canMoveTo(TaskState next) {
    return switch (this) {
      case PENDING, SCHEDULED -> next != PENDING;
      case STARTED, RETRYING, TIMED_OUT -> next != PENDING;
      case SUCCEEDED, FAILED, REVOKED, EXPIRED, DEAD -> false;
    };
  }
}
