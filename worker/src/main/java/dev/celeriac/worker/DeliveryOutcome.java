package dev.celeriac.worker;

/**
 * What {@link AttemptProcessor#process} did with one delivery. Every value but {@link #RELEASED}
 * means the outcome was committed to the store before the delivery was settled.
 */
public enum DeliveryOutcome {
  /** The task ran and its result was stored; the delivery was acknowledged. */
  SUCCEEDED,
  /**
   * The task threw, and the retry policy scheduled the next attempt in the store's delayed table
   * (state {@link dev.celeriac.api.TaskState#RETRYING}); the delivery was acknowledged.
   */
  RETRY_SCHEDULED,
  /** The task failed for good (state {@link dev.celeriac.api.TaskState#FAILED}); acknowledged. */
  FAILED,
  /**
   * The attempt passed its timeout and the retry policy scheduled the next attempt (state {@link
   * dev.celeriac.api.TaskState#TIMED_OUT}); acknowledged. A timed-out last attempt is {@link
   * #FAILED}.
   */
  TIMED_OUT,
  /** The message's expiry had passed, so it was recorded as expired and not run; acknowledged. */
  EXPIRED,
  /**
   * The message's eta was still in the future (a broker may deliver early), so it was put back in
   * the store's delayed table, to be dispatched again when due; acknowledged without running.
   */
  RESCHEDULED,
  /**
   * The message cannot run (undecodable, unknown task, bad arguments, or delivered more times than
   * the poison limit): recorded as a dead letter, then rejected.
   */
  DEAD,
  /**
   * The task was revoked with {@link dev.celeriac.api.RevokeMode#TERMINATE} while it ran: its
   * attempt was interrupted (or abandoned if it ignored the interrupt) and recorded as revoked, the
   * task stays {@link dev.celeriac.api.TaskState#REVOKED} and is not retried; acknowledged.
   */
  REVOKED,
  /**
   * The store already held a terminal state for the task (finished by an earlier delivery, or
   * revoked), so this delivery was acknowledged without running or without overwriting it.
   */
  SKIPPED_ALREADY_FINISHED,
  /**
   * A store write failed or the worker was interrupted, so the delivery was released for redelivery
   * instead of settled; nothing was lost.
   */
  RELEASED
}
