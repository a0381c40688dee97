package dev.celeriac.api.spi;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Carries task messages from producers to workers: one named queue per task queue, at-least-once
 * delivery, explicit acknowledgement.
 *
 * <p>Implementations are thread-safe. {@link #publish} may be called from any thread; each {@link
 * BrokerConsumer} is used by one polling thread at a time, while its {@link Delivery deliveries}
 * may be settled from any thread.
 *
 * <p>Stability: may change between minor versions; every implementation runs {@code
 * BrokerContractTest} from the {@code celeriac-api} test-jar against its real broker.
 */
public interface Broker extends AutoCloseable {

  /**
   * Publishes one message. The future completes when the broker has made the message durable, and
   * completes exceptionally with a {@link BrokerException} if it refused it or did not answer in
   * the broker's bounded publish timeout.
   */
  CompletableFuture<Void> publish(OutboundMessage message);

  /**
   * Opens a consumer on {@code queues}. Messages the consumer received but did not settle are
   * released for redelivery when it is closed, or when its process dies.
   */
  BrokerConsumer subscribe(Set<String> queues, ConsumerOptions options);

  /** Closes connections; idempotent, and safe to call before any other method. */
  @Override
  void close();
}
