package dev.celeriac.worker.internal;

import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.api.spi.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the worker's heartbeat at start, every {@code interval}, and once more when stopped. A
 * beat that fails is logged and the next one tries again; beats never overlap. Its thread is a
 * daemon, so a forgotten stop does not keep the JVM alive.
 */
public final class HeartbeatLoop {
  private static final Logger log = LoggerFactory.getLogger(HeartbeatLoop.class);

  private final TaskStore store;
  private final Function<Instant, WorkerHeartbeat> beat;
  private final Duration interval;
  private final Duration timeout;
  private final InstantSource clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("celeriac-heartbeat").daemon().factory());
  private volatile boolean started;

  /**
   * Beats into {@code store} every {@code interval}, each beat made by {@code beat} for the time
   * {@code clock} tells and waited for at most {@code timeout}.
   */
  public HeartbeatLoop(
      TaskStore store,
      Function<Instant, WorkerHeartbeat> beat,
      Duration interval,
      Duration timeout,
      InstantSource clock) {
    this.store = store;
    this.clock = clock;
    this.beat = beat;
    this.interval = interval;
    this.timeout = timeout;
  }

  /** Beats now and then every interval. */
  public void start() {
    started = true;
    scheduler.scheduleWithFixedDelay(
        () -> beatOnce(clock.instant()), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops the loop, then records one last beat if it was started. */
  public void stop() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (started) {
      beatOnce(clock.instant());
    }
  }

  private void beatOnce(Instant now) {
    try {
      store.recordHeartbeat(beat.apply(now)).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("Recording the worker's heartbeat failed; trying again later: {}", e.toString());
    }
  }
}
