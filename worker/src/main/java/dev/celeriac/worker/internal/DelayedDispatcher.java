package dev.celeriac.worker.internal;

import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.internal.DelayedDispatch;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.TaskStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's fallback delayed dispatcher, for when no coordinator runs: the shared {@link
 * DelayedDispatch} (claim under a lease, publish, remove; nothing lost on a failed publish) on its
 * own thread. Between steps it sleeps until the store's next due time, at most {@code maxWait} (a
 * safety net for tasks other processes schedule), or until {@link #wake()}. Several dispatchers,
 * and the coordinator's, may run at once; the leases keep them apart. {@link #wake()} and {@link
 * #stop} are thread-safe.
 */
public final class DelayedDispatcher implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(DelayedDispatcher.class);

  private final DelayedDispatch dispatch;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  // Guarded by lock.
  private boolean wakeRequested;
  private boolean stopping;
  private @Nullable Thread thread;

  /**
   * How the dispatcher claims and waits.
   *
   * @param batch how many due tasks to claim at once
   * @param lease how long a claimed task stays invisible to other dispatchers; also how long one
   *     batch's publishes may take
   * @param maxWait the longest sleep between looks at the store
   */
  public record Settings(int batch, Duration lease, Duration maxWait) {}

  /** A dispatcher from {@code store} to {@code broker} on {@code clock}. */
  public DelayedDispatcher(
      TaskStore store,
      Broker broker,
      TaskMessageCodec codec,
      InstantSource clock,
      Settings settings) {
    this.dispatch =
        new DelayedDispatch(
            store,
            broker,
            codec,
            clock,
            new DelayedDispatch.Settings(
                settings.batch(), settings.lease(), settings.lease(), settings.maxWait()));
  }

  /** Starts dispatching on a new platform thread. */
  public void start() {
    lock.lock();
    try {
      thread = Thread.ofPlatform().name("celeriac-delayed-dispatcher").daemon().start(this);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void run() {
    while (!isStopping()) {
      try {
        dispatchDue();
      } catch (RuntimeException e) {
        log.warn("Dispatching delayed tasks failed; trying again: {}", e.toString(), e);
      }
      sleepUntilNextDue();
    }
  }

  /**
   * Publishes every task due now, batch after batch.
   *
   * @return how many were published
   */
  public int dispatchDue() {
    int published = 0;
    while (!isStopping()) {
      int batch = dispatch.dispatchBatch();
      published += batch;
      if (batch < dispatch.settings().batchSize()) {
        break;
      }
    }
    return published;
  }

  private void sleepUntilNextDue() {
    Duration wait = dispatch.settings().longestWait();
    try {
      wait = dispatch.untilNextStep();
    } catch (RuntimeException e) {
      log.warn("Could not read the next due time: {}", e.toString());
    }
    lock.lock();
    try {
      long remaining = wait.toNanos();
      while (!wakeRequested && !stopping && remaining > 0) {
        remaining = woken.awaitNanos(remaining);
      }
      wakeRequested = false;
    } catch (InterruptedException e) {
      stopping = true;
    } finally {
      lock.unlock();
    }
  }

  /** Makes the dispatcher look at the store now, as after scheduling a retry. */
  public void wake() {
    lock.lock();
    try {
      wakeRequested = true;
      woken.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops dispatching and waits at most {@code patience} for a publish in progress to end. */
  public void stop(Duration patience) throws InterruptedException {
    Thread running;
    lock.lock();
    try {
      stopping = true;
      woken.signalAll();
      running = thread;
    } finally {
      lock.unlock();
    }
    if (running != null && !running.join(patience)) {
      log.warn("The delayed dispatcher did not stop within {}", patience);
    }
  }

  private boolean isStopping() {
    lock.lock();
    try {
      return stopping;
    } finally {
      lock.unlock();
    }
  }
}
