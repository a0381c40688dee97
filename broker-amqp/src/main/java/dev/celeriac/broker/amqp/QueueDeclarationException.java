package dev.celeriac.broker.amqp;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.BrokerException;

/**
 * RabbitMQ refused to declare a queue Celeriac needs, typically because a queue of that name
 * already exists with other settings (another type, another delivery limit, no dead-letter
 * exchange). The message names the queue, the settings Celeriac asked for and the broker's own
 * description of the difference. Delete or rename the existing queue, or configure the broker to
 * match it.
 */
public final class QueueDeclarationException extends BrokerException {
  private static final long serialVersionUID = 1L;

  private final String queue;

  /** A refused declaration of {@code queue}, described by {@code message}. */
  public QueueDeclarationException(String queue, String message, Throwable cause) {
    super(message, cause);
    this.queue = requireNonNull(queue, "queue");
  }

  /** The queue whose declaration was refused. */
  public String queue() {
    return queue;
  }
}
