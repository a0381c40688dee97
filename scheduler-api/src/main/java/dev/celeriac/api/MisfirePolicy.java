package dev.celeriac.api;

/**
 * What a schedule does with fire times that passed while no coordinator could fire them (a
 * leaderless gap, a paused coordinator): a fire time is <em>missed</em> when it is found later than
 * the coordinator's misfire threshold (60 s by default). Fire times found within the threshold are
 * fired normally whatever the policy.
 */
public enum MisfirePolicy {
  /** Fires once for all the missed times, at the latest of them. The default. */
  FIRE_ONCE,
  /** Fires none of the missed times; the schedule continues with its next time. */
  SKIP,
  /**
   * Fires every missed time, oldest first, up to the coordinator's catch-up limit (100 by default);
   * older ones beyond the limit are dropped with a warning.
   */
  CATCH_UP
}
