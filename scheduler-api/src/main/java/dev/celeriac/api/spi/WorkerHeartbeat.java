package dev.celeriac.api.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * What a running worker reports about itself every few seconds, so the console can list live
 * workers and the reaper can tell a dead one (its {@link #lastBeat()} grows old). The store keeps
 * one row per {@link #workerId()}; each beat replaces the previous one.
 *
 * @param workerId the worker's id, as recorded with its attempts
 * @param host the host name it runs on
 * @param pid its process id
 * @param queues the queues it consumes
 * @param concurrency how many tasks it may run at once, over all its queues
 * @param inFlight how many tasks it was running at the beat
 * @param processed how many deliveries it settled since it started
 * @param failed how many of them ended in a failure (failed for good, timed out or retried)
 * @param startedAt when the worker started
 * @param lastBeat when this beat was taken
 */
public record WorkerHeartbeat(
    String workerId,
    String host,
    long pid,
    Set<String> queues,
    int concurrency,
    int inFlight,
    long processed,
    long failed,
    Instant startedAt,
    Instant lastBeat) {
  /** Validates the fields; each violation names the field. */
  public WorkerHeartbeat {
    requireNonNull(workerId, "workerId");
    requireNonNull(host, "host");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(lastBeat, "lastBeat");
    queues = Set.copyOf(requireNonNull(queues, "queues"));
    if (workerId.isBlank()) {
      throw new IllegalArgumentException("workerId must not be blank");
    }
    if (concurrency < 0 || inFlight < 0 || processed < 0 || failed < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative: concurrency "
              + concurrency
              + ", inFlight "
              + inFlight
              + ", processed "
              + processed
              + ", failed "
              + failed);
    }
  }
}
