package dev.celeriac.worker.e2e;

import dev.celeriac.api.spi.Broker;
import java.util.OptionalLong;

/**
 * One real broker the end-to-end suite runs against, found through {@link
 * dev.celeriac.embedded.junit.TestServices}. It hands out unique queue names and brokers, and
 * cleans both up on {@link #close()}: every broker it made is closed and every queue it named is
 * deleted, so tests never see each other's messages on the shared server.
 */
interface BrokerUnderTest extends AutoCloseable {

  /**
   * A queue name no other test uses, removed again on {@link #close()}. Where the broker splits a
   * queue (Kafka partitions) it is one piece, so any consumer of the group can take any message:
   * what a test of failover wants.
   */
  String newQueue(String prefix);

  /**
   * Like {@link #newQueue}, for a queue that holds very many deliveries in flight at once: where
   * the broker bounds unsettled messages per piece of a queue (Kafka's per-partition record locks),
   * it is split so that ten thousand fit.
   */
  String newWideQueue(String prefix);

  /** A broker with the default settings, closed on {@link #close()}. */
  Broker newBroker();

  /**
   * A broker whose own limit on deliveries of one message is {@code deliveryLimit} (RabbitMQ's
   * {@code x-delivery-limit}, Kafka's share-group delivery count limit); every broker touching a
   * queue must agree on it.
   */
  Broker newBroker(int deliveryLimit);

  /** The URL a worker process is given with {@code --broker}. */
  String processUrl();

  /**
   * How many messages the broker has dead-lettered from {@code queue} into its own dead-letter
   * place, where it has one that can be counted (RabbitMQ's {@code <queue>.dead}); empty where it
   * has none (Kafka archives rejected records).
   */
  OptionalLong deadLettered(String queue);

  /** Closes every broker made and deletes every queue named. */
  @Override
  void close();
}
