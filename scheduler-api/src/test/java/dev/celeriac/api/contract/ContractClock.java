package dev.celeriac.api.contract;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock {@link TaskStoreContractTest} hands to the store under test: it starts at the current
 * time, truncated to milliseconds so every instant survives a database round trip, and moves only
 * when a test advances it. Thread-safe.
 */
public final class ContractClock implements InstantSource {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.MILLIS));

  /** The instant the clock is set to. */
  @Override
  public Instant instant() {
    return now.get();
  }

  /** Moves the clock forward by {@code duration} (whole milliseconds) and returns the new time. */
  public Instant advance(Duration duration) {
    if (duration.isNegative() || duration.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "advance by a non-negative whole number of milliseconds, was " + duration);
    }
    return now.updateAndGet(t -> t.plus(duration));
  }
}
