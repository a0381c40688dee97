package dev.celeriac.broker.amqp.internal;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Delivery;
import dev.celeriac.api.spi.OutboundMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One message received on one consumer channel, settled through that channel. Settling twice throws
 * {@link IllegalStateException}; settling after the channel closed fails the returned future with a
 * {@link dev.celeriac.broker.amqp.StaleDeliveryException}.
 */
final class AmqpDelivery implements Delivery {
  private final AmqpConsumer consumer;
  private final String queue;
  private final long deliveryTag;
  private final long channelEpoch;
  private final byte[] body;
  private final Map<String, String> headers;
  private final int deliveryCount;
  private final AtomicReference<@Nullable Settlement> settledAs = new AtomicReference<>();

  AmqpDelivery(
      AmqpConsumer consumer,
      String queue,
      long deliveryTag,
      long channelEpoch,
      byte[] body,
      Map<String, String> headers,
      int deliveryCount) {
    this.consumer = consumer;
    this.queue = queue;
    this.deliveryTag = deliveryTag;
    this.channelEpoch = channelEpoch;
    this.body = body;
    this.headers = headers;
    this.deliveryCount = deliveryCount;
  }

  long deliveryTag() {
    return deliveryTag;
  }

  long channelEpoch() {
    return channelEpoch;
  }

  @Override
  public String queue() {
    return queue;
  }

  @Override
  public byte[] body() {
    return body.clone();
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
    return deliveryCount;
  }

  @Override
  public CompletableFuture<Void> ack() {
    return settle(Settlement.ACK);
  }

  @Override
  public CompletableFuture<Void> release() {
    return settle(Settlement.RELEASE);
  }

  @Override
  public CompletableFuture<Void> reject() {
    return settle(Settlement.REJECT);
  }

  private CompletableFuture<Void> settle(Settlement settlement) {
    Settlement earlier = settledAs.compareAndExchange(null, settlement);
    if (earlier != null) {
      throw new IllegalStateException(
          this + " was already settled (" + earlier + "); settle each delivery exactly once");
    }
    return consumer.settle(this, settlement);
  }

  @Override
  public String toString() {
    return "Delivery[queue '"
        + queue
        + "', task "
        + headers.get(OutboundMessage.ID_HEADER)
        + ", #"
        + deliveryCount
        + "]";
  }

  /** How a delivery is settled. */
  enum Settlement {
    ACK,
    RELEASE,
    REJECT
  }
}
