package dev.celeriac.testing.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** One delivery of a queued message to one consumer; settled through {@link MessageQueues}. */
final class InMemoryDelivery implements Delivery {
  private final MessageQueues queues;
  private final InMemoryConsumer consumer;
  private final QueuedMessage entry;
  private final Map<String, String> headers;
  // Guarded by the MessageQueues lock.
  private MessageQueues.@Nullable Settlement settledAs;

  InMemoryDelivery(MessageQueues queues, InMemoryConsumer consumer, QueuedMessage entry) {
    this.queues = queues;
    this.consumer = consumer;
    this.entry = entry;
    OutboundMessage message = entry.message();
    Map<String, String> all = new HashMap<>(message.headers());
    all.put(OutboundMessage.ID_HEADER, message.id().toString());
    all.put(OutboundMessage.TASK_HEADER, message.task());
    this.headers = Map.copyOf(all);
  }

  QueuedMessage entry() {
    return entry;
  }

  OutboundMessage message() {
    return entry.message();
  }

  InMemoryConsumer consumer() {
    return consumer;
  }

  MessageQueues.@Nullable Settlement settledAs() {
    return settledAs;
  }

  void markSettled(MessageQueues.Settlement settlement) {
    this.settledAs = settlement;
  }

  @Override
  public String queue() {
    return entry.message().queue();
  }

  @Override
  public byte[] body() {
    return entry.message().body().clone();
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public @Nullable TaskId taskId() {
    String text = headers.get(OutboundMessage.ID_HEADER);
    try {
      return text == null ? null : TaskId.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public int deliveryCount() {
    return entry.deliveries();
  }

  @Override
  public CompletableFuture<Void> ack() {
    return settleAs(MessageQueues.Settlement.ACKED);
  }

  @Override
  public CompletableFuture<Void> release() {
    return settleAs(MessageQueues.Settlement.RELEASED);
  }

  @Override
  public CompletableFuture<Void> reject() {
    return settleAs(MessageQueues.Settlement.REJECTED);
  }

  private CompletableFuture<Void> settleAs(MessageQueues.Settlement settlement) {
    queues.settle(this, settlement);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public String toString() {
    return "Delivery[" + queue() + ", task " + entry.message().id() + ", #" + deliveryCount() + "]";
  }
}
