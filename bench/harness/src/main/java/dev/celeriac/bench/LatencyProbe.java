package dev.celeriac.bench;

import dev.celeriac.api.TaskHandle;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Measures submit → result latency at a fixed open-loop rate ({@link OpenLoopSchedule}): each
 * submission runs on its own virtual thread, so a slow submit never delays the next, and each
 * latency counts from the submission's intended time to the moment its {@link TaskHandle}'s future
 * completes. Latencies go into an HDR histogram in microseconds (3 significant digits, up to 5
 * minutes).
 */
final class LatencyProbe {
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

  /**
   * What one phase measured.
   *
   * @param histogram latencies in microseconds of the tasks that finished
   * @param sent submissions made
   * @param missing tasks whose result did not arrive within the patience, or whose submit failed
   */
  record Phase(Histogram histogram, int sent, int missing) {
    double percentileMillis(double percentile) {
      return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
      return histogram.getMaxValue() / 1000.0;
    }
  }

  private final OpenLoopSchedule.Clock clock;

  LatencyProbe(OpenLoopSchedule.Clock clock) {
    this.clock = clock;
  }

  /**
   * Submits with {@code submit} at {@code rate} per second for {@code duration}, then waits at most
   * {@code patience} for the outstanding results.
   */
  Phase run(double rate, Duration duration, Supplier<TaskHandle<?>> submit, Duration patience)
      throws InterruptedException {
    OpenLoopSchedule schedule = new OpenLoopSchedule(clock, rate);
    int count = schedule.countIn(duration);
    Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
    CountDownLatch outstanding = new CountDownLatch(count);
    AtomicInteger missing = new AtomicInteger();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      schedule.run(
          count,
          intended ->
              senders.execute(
                  () -> submitAndTime(submit, intended, histogram, missing, outstanding)));
      boolean all = outstanding.await(patience.toMillis(), TimeUnit.MILLISECONDS);
      synchronized (histogram) {
        int unfinished = all ? 0 : (int) outstanding.getCount();
        return new Phase(histogram.copy(), count, missing.get() + unfinished);
      }
    }
  }

  private void submitAndTime(
      Supplier<TaskHandle<?>> submit,
      long intended,
      Histogram histogram,
      AtomicInteger missing,
      CountDownLatch outstanding) {
    try {
      submit
          .get()
          .toCompletableFuture()
          .whenComplete(
              (result, failure) -> {
                long micros = (clock.nanoTime() - intended) / 1000;
                if (failure != null) {
                  missing.incrementAndGet();
                } else {
                  synchronized (histogram) {
                    histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
                  }
                }
                outstanding.countDown();
              });
    } catch (RuntimeException e) {
      missing.incrementAndGet();
      outstanding.countDown();
    }
  }
}
