package dev.celeriac.broker.amqp;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.BrokerException;

/**
 * A delivery was settled after the channel that received it had closed: its connection was lost
 * (and possibly recovered since) or its consumer was closed. RabbitMQ settles a delivery only on
 * its own channel, and it has already put the message back in its queue, so it will be delivered
 * again; the settlement had no effect.
 *
 * <p>{@link dev.celeriac.api.spi.Delivery#ack()}, {@code release()} and {@code reject()} never
 * throw this: their future fails with it. A worker may log it and move on; the redelivered copy
 * carries a higher delivery count.
 */
public final class StaleDeliveryException extends BrokerException {
  private static final long serialVersionUID = 1L;

  private final String queue;

  /** A settlement of a delivery from {@code queue} that came too late, described by message. */
  public StaleDeliveryException(String queue, String message) {
    super(message);
    this.queue = requireNonNull(queue, "queue");
  }

  /** The queue the delivery came from. */
  public String queue() {
    return queue;
  }
}
