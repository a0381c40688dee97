package dev.celeriac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.ConnectionFactory;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@IntegrationTest
class RabbitMqDiscoveryIT {
  @Test
  void discoveredBrokerAcceptsItsCredentialsAndRoundTripsAMessage(RabbitMqEndpoint rabbitmq)
      throws Exception {
    var factory = new ConnectionFactory();
    factory.setUri(rabbitmq.uri());
    String queue = "celeriac-it-" + UUID.randomUUID();
    try (var connection = factory.newConnection();
        var channel = connection.createChannel()) {
      channel.queueDeclare(queue, false, true, true, null);
      channel.basicPublish("", queue, null, "ping".getBytes());
      var message = channel.basicGet(queue, true);
      assertThat(message).isNotNull();
      assertThat(new String(message.getBody())).isEqualTo("ping");
    }
  }
}
