package dev.celeriac.worker.internal;

import dev.celeriac.api.spi.Delivery;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles deliveries and waits, bounded, for the broker to take note. A settlement that fails is
 * logged, not thrown: by then the outcome is in the store, and the broker redelivers an unsettled
 * message, which the stored state then makes a no-op. Thread-safe.
 */
public final class DeliverySettler {
  private static final Logger log = LoggerFactory.getLogger(DeliverySettler.class);

  private final Duration timeout;

  /** A settler that waits at most {@code timeout} for each settlement. */
  public DeliverySettler(Duration timeout) {
    this.timeout = timeout;
  }

  /** Acknowledges {@code delivery}. */
  public void ack(Delivery delivery) {
    settle(delivery, "ack", delivery::ack);
  }

  /** Releases {@code delivery} for redelivery. */
  public void release(Delivery delivery) {
    settle(delivery, "release", delivery::release);
  }

  /** Rejects {@code delivery} to the broker's dead-letter place. */
  public void reject(Delivery delivery) {
    settle(delivery, "reject", delivery::reject);
  }

  private void settle(Delivery delivery, String action, Supplier<CompletableFuture<Void>> call) {
    // A stopping worker interrupts the threads it releases deliveries from; the release must still
    // be waited for (bounded by the timeout), so the interrupt is set aside until it is settled.
    boolean interrupted = Thread.interrupted();
    try {
      call.get().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      warn(delivery, action, e.getCause());
    } catch (TimeoutException | RuntimeException e) {
      warn(delivery, action, e);
    } catch (InterruptedException e) {
      interrupted = true;
      warn(delivery, action, e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void warn(Delivery delivery, String action, Throwable error) {
    log.warn(
        "Could not {} the delivery of task {} from queue {}; the broker will redeliver it",
        action,
        delivery.taskId(),
        delivery.queue(),
        error);
  }
}
