package dev.celeriac.testing.internal;

import dev.celeriac.api.spi.BrokerConsumer;
import dev.celeriac.api.spi.Delivery;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/** A consumer of in-memory queues; its unsettled deliveries go back to their queue on close. */
public final class InMemoryConsumer implements BrokerConsumer {
  private final MessageQueues queues;
  private final Set<String> names;
  private final int prefetch;
  private final AtomicBoolean closed = new AtomicBoolean();
  // Guarded by the MessageQueues lock.
  private final Set<InMemoryDelivery> unsettled = new LinkedHashSet<>();

  InMemoryConsumer(MessageQueues queues, Set<String> names, int prefetch) {
    this.queues = queues;
    this.names = names;
    this.prefetch = prefetch;
  }

  Set<String> queues() {
    return names;
  }

  Set<InMemoryDelivery> unsettled() {
    return unsettled;
  }

  boolean hasRoom() {
    return unsettled.size() < prefetch;
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    return closed.get();
  }

  void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("consumer of " + names + " is closed");
    }
  }

  /**
   * Blocks until at least one message is ready and this consumer has room under its prefetch, or
   * {@code timeout} passes; then takes up to {@code maxMessages}.
   *
   * @throws IllegalStateException if the consumer was closed before the call (closing it while a
   *     poll waits makes that poll return an empty list)
   */
  @Override
  public List<Delivery> poll(int maxMessages, Duration timeout) {
    if (maxMessages < 1) {
      throw new IllegalArgumentException("maxMessages must be >= 1, was " + maxMessages);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    return List.copyOf(queues.take(this, maxMessages, timeout));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      queues.close(this);
    }
  }
}
