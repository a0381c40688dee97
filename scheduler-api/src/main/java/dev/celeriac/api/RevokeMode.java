package dev.celeriac.api;

/**
 * What a revocation does to an attempt that is already running. Either way the task ends {@link
 * TaskState#REVOKED}, is not retried, and a result the attempt produces later is discarded (one
 * result record per task id); a task that has not started never runs.
 */
public enum RevokeMode {
  /**
   * Let a running attempt finish on its own (Celery's {@code revoke()}): useful when stopping it
   * halfway would leave its side effects in a worse state than letting it complete.
   */
  LET_RUN,
  /**
   * Stop a running attempt (Celery's {@code revoke(terminate=True)}): the worker running it learns
   * of the revocation within about its revocation check interval, interrupts the task's thread, and
   * its {@link TaskContext#isCancelled()} turns true.
   */
  TERMINATE
}
