package dev.celeriac.worker.internal;

import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one queue's consumer on its own platform thread, asking the broker only for as many
 * deliveries as there are free permits (the queue's concurrency limit), so nothing is buffered
 * beyond what can run. Each delivery is handed on with the permit it holds, to be released when it
 * is settled. The consumer is polled only by this thread and closed by {@link #closeConsumer()}
 * once the poller has stopped.
 */
public final class QueuePoller implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(QueuePoller.class);

  private final String queue;
  private final BrokerConsumer consumer;
  private final Semaphore permits;
  private final Duration pollTimeout;
  private final BiConsumer<Delivery, Runnable> dispatch;
  private volatile boolean stopping;
  private volatile @Nullable Thread thread;

  /**
   * A poller of {@code queue} through {@code consumer} with {@code concurrency} permits, handing
   * each delivery and its permit's release to {@code dispatch}.
   */
  public QueuePoller(
      String queue,
      BrokerConsumer consumer,
      int concurrency,
      Duration pollTimeout,
      BiConsumer<Delivery, Runnable> dispatch) {
    this.queue = queue;
    this.consumer = consumer;
    this.permits = new Semaphore(concurrency);
    this.pollTimeout = pollTimeout;
    this.dispatch = dispatch;
  }

  /** Starts polling on a new platform thread. */
  public void start() {
    thread = Thread.ofPlatform().name("celeriac-poller-" + queue).start(this);
  }

  @Override
  public void run() {
    while (!stopping) {
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        break;
      }
      int asked = 1 + permits.drainPermits();
      List<Delivery> deliveries = pollFor(asked);
      permits.release(asked - deliveries.size());
      for (Delivery delivery : deliveries) {
        if (stopping) {
          // Not started, so not in flight: closing the consumer gives it back to the broker.
          permits.release();
        } else {
          dispatch.accept(delivery, permits::release);
        }
      }
    }
    log.debug("Stopped polling queue {}", queue);
  }

  private List<Delivery> pollFor(int asked) {
    try {
      return consumer.poll(asked, pollTimeout);
    } catch (RuntimeException e) {
      if (!stopping) {
        log.warn(
            "Polling queue {} failed; trying again in {}: {}", queue, pollTimeout, e.toString());
        pause();
      }
      return List.of();
    }
  }

  private void pause() {
    try {
      Thread.sleep(pollTimeout);
    } catch (InterruptedException e) {
      stopping = true;
    }
  }

  /**
   * Stops polling: interrupts a poll that waits, and waits for the thread to end, at most {@code
   * patience} (a broker whose poll ignores interrupts still returns within its poll timeout).
   */
  public void stop(Duration patience) throws InterruptedException {
    stopping = true;
    Thread polling = thread;
    if (polling == null) {
      return;
    }
    polling.interrupt();
    if (!polling.join(patience)) {
      log.warn("The poller of queue {} did not stop within {}", queue, patience);
    }
  }

  /** Closes the consumer, giving back every delivery not yet settled. Call after {@link #stop}. */
  public void closeConsumer() {
    try {
      consumer.close();
    } catch (RuntimeException e) {
      log.warn("Closing the consumer of queue {} failed: {}", queue, e.toString(), e);
    }
  }

  /** How many more deliveries this queue could take now. */
  public int freePermits() {
    return permits.availablePermits();
  }
}
