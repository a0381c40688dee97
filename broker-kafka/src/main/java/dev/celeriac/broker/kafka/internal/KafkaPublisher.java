package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.OutboundMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes messages to their queue's topic through one shared producer. A message has no key, so
 * the producer spreads batches over the partitions. Thread-safe.
 */
public final class KafkaPublisher implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final TopicNames names;
  private final TopicProvisioner topics;
  private final Duration closeTimeout;

  /** Publishes through {@code producer} to topics that {@code topics} makes sure exist. */
  public KafkaPublisher(
      Producer<byte[], byte[]> producer,
      TopicNames names,
      TopicProvisioner topics,
      Duration closeTimeout) {
    this.producer = producer;
    this.names = names;
    this.topics = topics;
    this.closeTimeout = closeTimeout;
  }

  /**
   * Sends {@code message}; the future completes once all in-sync replicas have it. Every failure,
   * including one before the record was handed to the producer, fails the future with a {@link
   * BrokerException}; nothing is thrown. Blocks at most the publish timeout, on a queue's first use
   * (topic creation) or while the producer waits for metadata or buffer space.
   */
  public CompletableFuture<Void> publish(OutboundMessage message) {
    CompletableFuture<Void> published = new CompletableFuture<>();
    try {
      String topic = names.topicOf(message.queue());
      topics.ensure(topic);
      var record =
          new ProducerRecord<byte[], byte[]>(
              topic, null, null, null, message.body(), MessageHeaders.toRecord(message));
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              published.complete(null);
            } else {
              published.completeExceptionally(failure(message, error));
            }
          });
    } catch (BrokerException e) {
      published.completeExceptionally(e);
    } catch (KafkaException | IllegalArgumentException | IllegalStateException e) {
      published.completeExceptionally(failure(message, e));
    }
    return published;
  }

  private static BrokerException failure(OutboundMessage message, Throwable error) {
    return new BrokerException(
        "Kafka did not accept task "
            + message.id()
            + " for queue "
            + message.queue()
            + ": "
            + error.getMessage(),
        error);
  }

  /** Sends what is buffered (waiting at most the close timeout) and closes the producer. */
  @Override
  public void close() {
    producer.close(closeTimeout);
  }
}
