package dev.celeriac.broker.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.celeriac.api.spi.BrokerException;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

/**
 * Reads a queue's ready-message count with a passive declare on a short-lived channel: a passive
 * declare of a missing queue closes its channel with 404, so no shared channel may be used.
 */
public final class QueueDepths {
  private static final int NOT_FOUND = 404;

  private final LazyConnection connection;

  /** Asks through {@code connection}, opened on first use. */
  public QueueDepths(LazyConnection connection) {
    this.connection = connection;
  }

  /** The ready count of {@code queue}, or empty if RabbitMQ has no such queue. */
  public OptionalLong readyCount(String queue) {
    Channel channel = openChannel();
    try {
      AMQP.Queue.DeclareOk ok = channel.queueDeclarePassive(queue);
      return OptionalLong.of(ok.getMessageCount());
    } catch (IOException e) {
      if (isNotFound(e)) {
        return OptionalLong.empty();
      }
      throw new BrokerException(
          "cannot read the depth of queue " + queue + " from RabbitMQ: " + e.getMessage(), e);
    } finally {
      closeQuietly(channel);
    }
  }

  private Channel openChannel() {
    try {
      return connection.get().createChannel();
    } catch (IOException | RuntimeException e) {
      throw new BrokerException("cannot open a channel to RabbitMQ: " + e.getMessage(), e);
    }
  }

  private static boolean isNotFound(IOException e) {
    return e.getCause() instanceof ShutdownSignalException signal
        && signal.getReason() instanceof AMQP.Channel.Close close
        && close.getReplyCode() == NOT_FOUND;
  }

  private static void closeQuietly(Channel channel) {
    if (!channel.isOpen()) {
      return; // a 404 already closed it
    }
    try {
      channel.close();
    } catch (IOException | TimeoutException | RuntimeException ignored) {
      // The count was read (or its failure reported); a failed close leaks nothing server-side.
    }
  }
}
