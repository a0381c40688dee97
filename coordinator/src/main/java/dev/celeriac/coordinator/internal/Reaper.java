package dev.celeriac.coordinator.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.MaintenanceStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reaper's step: expires unstarted tasks past their expiry, in batches, and marks workers whose
 * heartbeat is older than the timeout as lost (their started tasks are redelivered by the broker;
 * the console shows them).
 */
public final class Reaper {
  private static final Logger log = LoggerFactory.getLogger(Reaper.class);

  private final MaintenanceStore store;
  private final InstantSource clock;
  private final Duration heartbeatTimeout;
  private final int batchSize;

  /** A reaper over {@code store}. */
  public Reaper(
      MaintenanceStore store, InstantSource clock, Duration heartbeatTimeout, int batchSize) {
    this.store = store;
    this.clock = clock;
    this.heartbeatTimeout = heartbeatTimeout;
    this.batchSize = batchSize;
  }

  /**
   * One pass while {@code leading} holds.
   *
   * @return how many tasks were expired
   */
  public int step(BooleanSupplier leading) {
    Instant now = clock.instant();
    int expired = 0;
    int batch;
    do {
      batch = store.expireOverdue(now, batchSize).size();
      expired += batch;
    } while (batch == batchSize && leading.getAsBoolean());
    if (expired > 0) {
      log.info("expired {} tasks that did not start before their expiry", expired);
    }
    if (leading.getAsBoolean()) {
      List<TaskId> orphaned = store.markLostWorkers(now.minus(heartbeatTimeout), now);
      if (!orphaned.isEmpty()) {
        log.warn(
            "workers without a heartbeat for {} were marked lost; their started tasks await"
                + " redelivery: {}",
            heartbeatTimeout,
            orphaned);
      }
    }
    return expired;
  }
}
