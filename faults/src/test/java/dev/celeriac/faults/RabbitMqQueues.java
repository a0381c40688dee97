package dev.celeriac.faults;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes a test's queues from the shared RabbitMQ server. */
final class RabbitMqQueues {
  private static final Logger log = LoggerFactory.getLogger(RabbitMqQueues.class);

  private RabbitMqQueues() {}

  /** Deletes {@code queues} on the server at {@code uri}; a failure is only logged. */
  static void delete(URI uri, String... queues) {
    var factory = new ConnectionFactory();
    try {
      factory.setUri(uri);
    } catch (Exception e) {
      log.warn("Cannot use {} to delete test queues: {}", uri, e.toString());
      return;
    }
    try (Connection connection = factory.newConnection("celeriac-faults-cleanup")) {
      for (String queue : queues) {
        try (Channel channel = connection.createChannel()) {
          channel.queueDelete(queue);
        }
      }
    } catch (Exception e) {
      log.warn("Could not delete test queues: {}", e.toString());
    }
  }
}
