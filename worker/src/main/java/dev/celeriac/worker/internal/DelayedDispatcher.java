package dev.celeriac.worker.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.api.TaskMessageCodec;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves due delayed tasks (retries and etas) from the store's delayed table to the broker: claims
 * them under a lease, publishes each, and deletes the published ones from the table. A task whose
 * publish fails stays in the table and is claimed again when its lease ends, so a crash or a broker
 * outage loses nothing (a crash after the publish and before the delete publishes it twice, which
 * the stored state makes harmless). Several dispatchers may run at once; the leases keep them
 * apart.
 *
 * <p>It sleeps until the store's next due time, at most {@code maxWait} (a safety net for tasks
 * other processes schedule), or until {@link #wake()}. Depends only on the SPIs, so the coordinator
 * can run it unchanged. Runs on its own thread; {@link #wake()} and {@link #stop} are thread-safe.
 */
public final class DelayedDispatcher implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(DelayedDispatcher.class);
  private static final Duration MIN_WAIT = Duration.ofMillis(5);

  private final TaskStore store;
  private final Broker broker;
  private final TaskMessageCodec codec;
  private final InstantSource clock;
  private final Settings settings;
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
   * @param lease how long a claimed task stays invisible to other dispatchers
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
    this.store = store;
    this.broker = broker;
    this.codec = codec;
    this.clock = clock;
    this.settings = settings;
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
      List<TaskMessage> due = store.claimDue(clock.instant(), settings.batch(), settings.lease());
      published += publish(due);
      if (due.size() < settings.batch()) {
        break;
      }
    }
    return published;
  }

  private int publish(List<TaskMessage> due) {
    List<TaskId> published = new ArrayList<>();
    for (TaskMessage message : due) {
      var outbound = OutboundMessage.of(message, codec.encode(message));
      try {
        broker.publish(outbound).get(settings.lease().toMillis(), TimeUnit.MILLISECONDS);
        published.add(message.id());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        log.warn(
            "Could not publish due task {} to queue {}; it is claimed again after its lease: {}",
            message.id(),
            message.queue(),
            e.toString());
      }
    }
    if (!published.isEmpty()) {
      store.removeDelayed(published);
      log.debug("Dispatched {} due task(s)", published.size());
    }
    return published.size();
  }

  private void sleepUntilNextDue() {
    Duration wait = settings.maxWait();
    try {
      Optional<Instant> next = store.nextDue();
      if (next.isPresent()) {
        Duration untilDue = Duration.between(clock.instant(), next.get());
        // A due time that has passed yet could not be claimed (a store whose clock runs ahead of
        // this one) must not turn the loop into a busy spin.
        untilDue = untilDue.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : untilDue;
        wait = untilDue.compareTo(wait) < 0 ? untilDue : wait;
      }
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
