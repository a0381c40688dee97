package dev.celeriac.worker;

/**
 * Whether a worker moves due delayed tasks (retries, etas) from the store to the broker itself.
 * Until a coordinator does that job, every worker should; several workers doing it at once is safe,
 * since each due task is claimed under a lease by one of them.
 */
public enum DelayedDispatch {
  /** The worker runs its own delayed dispatcher. The default. */
  ENABLED,
  /** Another process (the coordinator) dispatches delayed tasks. */
  DISABLED
}
