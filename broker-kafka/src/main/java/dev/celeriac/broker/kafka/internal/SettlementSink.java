package dev.celeriac.broker.kafka.internal;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.AcknowledgeType;

/** Takes the settlement of a delivery to the share consumer that acquired its record. */
interface SettlementSink {
  /**
   * Queues {@code type} for {@code delivery}; may be called from any thread. The future completes
   * once Kafka has committed the acknowledgement, exceptionally if it did not.
   */
  CompletableFuture<Void> settle(KafkaDelivery delivery, AcknowledgeType type);
}
