package dev.celeriac.broker.kafka.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Delivery;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * One record acquired through a share group. Settling it hands the acknowledgement to the share
 * consumer that acquired it ({@link SettlementSink}), because only that consumer's thread may
 * acknowledge; the first settlement wins and any later one is an {@link IllegalStateException}.
 */
final class KafkaDelivery implements Delivery {
  private final ConsumerRecord<byte[], byte[]> record;
  private final String queue;
  private final Map<String, String> headers;
  private final SettlementSink sink;
  private final long acquiredAtNanos = System.nanoTime();
  private final AtomicReference<@Nullable AcknowledgeType> settledAs = new AtomicReference<>();

  KafkaDelivery(ConsumerRecord<byte[], byte[]> record, String queue, SettlementSink sink) {
    this.record = record;
    this.queue = queue;
    this.headers = MessageHeaders.fromRecord(record.headers());
    this.sink = sink;
  }

  ConsumerRecord<byte[], byte[]> record() {
    return record;
  }

  RecordKey key() {
    return new RecordKey(record.topic(), record.partition(), record.offset());
  }

  SettlementSink sink() {
    return sink;
  }

  /** How long ago its record was acquired, by {@link System#nanoTime()}. */
  long nanosSinceAcquired() {
    return System.nanoTime() - acquiredAtNanos;
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public byte[] body() {
    byte[] value = record.value();
    return value == null ? new byte[0] : value.clone();
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public @Nullable TaskId taskId() {
    return MessageHeaders.taskId(headers);
  }

  @Override
  public int deliveryCount() {
    return record.deliveryCount().map(Short::intValue).orElse(1);
  }

  @Override
  public CompletableFuture<Void> ack() {
    return settle(AcknowledgeType.ACCEPT);
  }

  @Override
  public CompletableFuture<Void> release() {
    return settle(AcknowledgeType.RELEASE);
  }

  @Override
  public CompletableFuture<Void> reject() {
    return settle(AcknowledgeType.REJECT);
  }

  private CompletableFuture<Void> settle(AcknowledgeType type) {
    AcknowledgeType earlier = settledAs.compareAndExchange(null, type);
    if (earlier != null) {
      throw new IllegalStateException(
          this + " was already settled with " + earlier.name() + "; cannot " + type.name() + " it");
    }
    return sink.settle(this, type);
  }

  @Override
  public String toString() {
    return "Delivery["
        + queue
        + ", task "
        + headers.get(dev.celeriac.api.spi.OutboundMessage.ID_HEADER)
        + ", "
        + record.topic()
        + "-"
        + record.partition()
        + "@"
        + record.offset()
        + ", #"
        + deliveryCount()
        + "]";
  }
}
