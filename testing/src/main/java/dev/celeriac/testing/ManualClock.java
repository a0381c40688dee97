package dev.celeriac.testing;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it, so code that takes an {@link InstantSource} can be
 * tested at exact instants without sleeping. Thread-safe: any thread may read or move it.
 *
 * <pre>{@code
 * var clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 */
public final class ManualClock implements InstantSource {
  /** Where {@link #ManualClock()} starts: 2030-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2030-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;

  /** A clock that reads {@link #DEFAULT_START} until it is moved. */
  public ManualClock() {
    this(DEFAULT_START);
  }

  /** A clock that reads {@code start} until it is moved. */
  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(requireNonNull(start, "start"));
  }

  /** The instant the clock is set to. */
  @Override
  public Instant instant() {
    return now.get();
  }

  /**
   * Moves the clock forward by {@code duration} and returns the new instant.
   *
   * @throws IllegalArgumentException if {@code duration} is negative (use {@link #set} to go back)
   */
  public Instant advance(Duration duration) {
    requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "a clock only advances forward; use set() to move it back, was " + duration);
    }
    return now.updateAndGet(current -> current.plus(duration));
  }

  /** Sets the clock to {@code instant}, forwards or backwards. */
  public void set(Instant instant) {
    now.set(requireNonNull(instant, "instant"));
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}
