package dev.celeriac.coordinator.internal;

import dev.celeriac.api.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Retention's step: deletes tasks finished longer than the retention ago, in bounded batches. */
public final class RetentionSweep {
  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

  private final TaskStore store;
  private final InstantSource clock;
  private final Duration retention;
  private final int batchSize;

  /** A sweep over {@code store} keeping finished tasks for {@code retention}. */
  public RetentionSweep(TaskStore store, InstantSource clock, Duration retention, int batchSize) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
    this.batchSize = batchSize;
  }

  /**
   * Deletes batch after batch while {@code leading} holds and full batches come back.
   *
   * @return how many tasks were deleted
   */
  public int step(BooleanSupplier leading) {
    Instant cutoff = clock.instant().minus(retention);
    int deleted = 0;
    int batch;
    do {
      batch = store.deleteFinishedBefore(cutoff, batchSize);
      deleted += batch;
    } while (batch == batchSize && leading.getAsBoolean());
    if (deleted > 0) {
      log.info("deleted {} tasks finished before {}", deleted, cutoff);
    }
    return deleted;
  }
}
