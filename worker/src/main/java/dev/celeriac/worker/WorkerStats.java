package dev.celeriac.worker;

/**
 * A snapshot of a {@link Worker}'s counts since it started, from {@link Worker#stats()}. Each count
 * is read atomically on its own, not all together, so sums may be off by the deliveries that
 * finished while the snapshot was taken.
 *
 * @param processed deliveries settled with an outcome (every one but the released)
 * @param succeeded attempts that succeeded
 * @param failed attempts that failed for good (no retry follows)
 * @param retried attempts that failed or timed out with a retry scheduled
 * @param dead messages dead-lettered (poison, undecodable, unknown task, bad arguments)
 * @param released deliveries given back to the broker unsettled (stopping, or a store failure)
 * @param inFlight deliveries being processed now
 * @param concurrency how many deliveries may be in flight at once, over all queues
 * @param abandoned attempts that ignored their interrupt (at a timeout or at shutdown) and were
 *     left running
 */
public record WorkerStats(
    long processed,
    long succeeded,
    long failed,
    long retried,
    long dead,
    long released,
    int inFlight,
    int concurrency,
    long abandoned) {}
