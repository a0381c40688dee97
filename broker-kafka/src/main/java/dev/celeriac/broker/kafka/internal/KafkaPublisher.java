package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.OutboundMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.jspecify.annotations.Nullable;

/**
 * Publishes messages to their queue's topic through one shared producer, spreading them evenly over
 * the topic's partitions that have a leader, one message to each in turn.
 *
 * <p>Why not Kafka's default (sticky) partitioning of keyless records: it fills one partition per
 * batch, so a backlog ends up a quarter or more larger on some partitions than on others. A share
 * consumer takes a bounded batch of records and fetches again only once all of them are settled, so
 * the excess of a crowded partition waits for the first tasks to finish while consumers of emptier
 * partitions idle; measured with 10,000 queued tasks on 8 partitions, this alone kept the worker at
 * 9,311 instead of 10,000 tasks in flight. Thread-safe.
 */
public final class KafkaPublisher implements AutoCloseable {
  private final Producer<byte[], byte[]> producer;
  private final TopicNames names;
  private final TopicProvisioner topics;
  private final Duration closeTimeout;
  private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

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
              topic,
              nextPartition(topic),
              null,
              null,
              message.body(),
              MessageHeaders.toRecord(message));
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

  /**
   * The next partition of {@code topic} with a leader, in turn; null (the producer then chooses)
   * while none has one. Waits for the topic's metadata on its first use, within {@code
   * max.block.ms}, as {@code send} would.
   */
  private @Nullable Integer nextPartition(String topic) {
    List<Integer> led = new ArrayList<>();
    for (PartitionInfo partition : producer.partitionsFor(topic)) {
      if (partition.leader() != null) {
        led.add(partition.partition());
      }
    }
    if (led.isEmpty()) {
      return null;
    }
    int turn = turns.computeIfAbsent(topic, t -> new AtomicInteger()).getAndIncrement();
    return led.get(Math.floorMod(turn, led.size()));
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
