package dev.celeriac.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Fires actions at a fixed rate whatever the system under test does (an open loop): the i-th action
 * is due at {@code start + i × interval}, and it is given that intended time, so a latency is
 * measured from when the request should have gone out. A slow action delays the next calls, never
 * their intended times; calls that fell behind fire at once to catch up. That is how the latency
 * figures avoid coordinated omission.
 *
 * <p>Time is injected ({@link Clock}) so tests move it by hand.
 */
final class OpenLoopSchedule {
  /** Nanosecond time and a way to wait for it. */
  interface Clock {
    /** The current time in nanoseconds, monotonic. */
    long nanoTime();

    /** Waits until {@link #nanoTime()} is at least {@code deadline}. */
    void sleepUntil(long deadline) throws InterruptedException;

    /** The system's monotonic clock. */
    static Clock system() {
      return new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
          for (long left = deadline - System.nanoTime(); left > 0; ) {
            Thread.sleep(Duration.ofNanos(left));
            left = deadline - System.nanoTime();
          }
        }
      };
    }
  }

  private final Clock clock;
  private final long intervalNanos;

  /**
   * A schedule of {@code ratePerSecond} actions per second.
   *
   * @throws IllegalArgumentException if the rate is not positive
   */
  OpenLoopSchedule(Clock clock, double ratePerSecond) {
    this.clock = requireNonNull(clock, "clock");
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
    }
    this.intervalNanos = Math.max(1, Math.round(1e9 / ratePerSecond));
  }

  /** The time between two intended sends. */
  Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /**
   * Calls {@code action} {@code count} times on this thread, each with its intended time; returns
   * the start time the intended times count from.
   */
  long run(int count, LongConsumer action) throws InterruptedException {
    long start = clock.nanoTime();
    for (int i = 0; i < count; i++) {
      long intended = start + i * intervalNanos;
      if (clock.nanoTime() < intended) {
        clock.sleepUntil(intended);
      }
      action.accept(intended);
    }
    return start;
  }

  /** The number of actions in {@code duration} at this rate. */
  int countIn(Duration duration) {
    return (int) Math.max(1, duration.toNanos() / intervalNanos);
  }
}
