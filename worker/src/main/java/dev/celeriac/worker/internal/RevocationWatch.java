package dev.celeriac.worker.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.TaskStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the store every {@code interval} which of the tasks the worker runs were revoked with
 * terminate ({@link TaskStore#terminationsRequested}, one read for all of them), and has those
 * attempts stopped. So a terminated task stops within about one interval plus the store read. A
 * check that fails is logged and the next one tries again; checks never overlap. Its thread is a
 * daemon, so a forgotten stop does not keep the JVM alive.
 */
public final class RevocationWatch {
  private static final Logger log = LoggerFactory.getLogger(RevocationWatch.class);

  private final TaskStore store;
  private final Supplier<Set<TaskId>> running;
  private final Consumer<Set<TaskId>> terminate;
  private final Duration interval;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("celeriac-revocations").daemon().factory());
  private volatile boolean failing;

  /**
   * Checks the ids {@code running} gives against {@code store} every {@code interval}, passing the
   * terminated ones to {@code terminate} (called on the watch's thread).
   */
  public RevocationWatch(
      TaskStore store,
      Supplier<Set<TaskId>> running,
      Consumer<Set<TaskId>> terminate,
      Duration interval) {
    this.store = store;
    this.running = running;
    this.terminate = terminate;
    this.interval = interval;
  }

  /** Checks every interval from now on. */
  public void start() {
    scheduler.scheduleWithFixedDelay(
        this::checkOnce, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops checking; a check under way is interrupted. */
  public void stop() {
    scheduler.shutdownNow();
  }

  void checkOnce() {
    Set<TaskId> ids = running.get();
    if (ids.isEmpty()) {
      return;
    }
    try {
      Set<TaskId> terminated = store.terminationsRequested(ids);
      if (!terminated.isEmpty()) {
        log.info("Stopping {} task(s) revoked with terminate: {}", terminated.size(), terminated);
        terminate.accept(terminated);
      }
      if (failing) {
        failing = false;
        log.info("Checking for revocations works again");
      }
    } catch (RuntimeException e) {
      // One line per outage, not one a second: the store being down is reported elsewhere too.
      if (!failing) {
        failing = true;
        log.warn(
            "Checking for revocations failed; trying again every {}: {}", interval, e.toString());
      }
    }
  }
}
