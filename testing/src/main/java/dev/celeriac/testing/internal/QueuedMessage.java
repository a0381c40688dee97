package dev.celeriac.testing.internal;

import dev.celeriac.api.spi.OutboundMessage;
import java.util.Comparator;

/**
 * A message waiting in an in-memory queue.
 *
 * @param message the message as published
 * @param sequence the publish order across all queues, which keeps FIFO within a priority
 * @param deliveries how many times it has been delivered so far
 */
record QueuedMessage(OutboundMessage message, long sequence, int deliveries) {
  /** Higher priority first, then first published first. */
  static final Comparator<QueuedMessage> DELIVERY_ORDER =
      Comparator.comparingInt((QueuedMessage m) -> -m.message().priority())
          .thenComparingLong(QueuedMessage::sequence);

  QueuedMessage delivered() {
    return new QueuedMessage(message, sequence, deliveries + 1);
  }
}
