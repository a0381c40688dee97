package dev.celeriac.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.BrokerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A launcher finds the RabbitMQ broker by URL through {@link ServiceLoader}. */
class AmqpBrokerFactoryTest {
  private final AmqpBrokerFactory factory = new AmqpBrokerFactory();

  @Test
  void serviceLoaderFindsTheFactory() {
    assertThat(ServiceLoader.load(BrokerFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(AmqpBrokerFactory.class);
  }

  @Test
  void supportsAmqpAndAmqpsUrlsOnly() {
    assertThat(factory.supports("amqp://guest:guest@127.0.0.1:5672/%2f")).isTrue();
    assertThat(factory.supports("AMQPS://rabbit.example.com")).isTrue();
    assertThat(factory.supports("kafka://127.0.0.1:9092")).isFalse();
    assertThat(factory.supports("postgresql://127.0.0.1/celeriac")).isFalse();
  }

  @Test
  void serviceLoadedFactoryConnectsAnAmqpUrlToAnAmqpBroker() {
    try (Broker broker = BrokerFactory.fromServiceLoader().connect("amqp://127.0.0.1:5672/%2f")) {
      assertThat(broker).isInstanceOf(AmqpBroker.class);
      assertThat(broker.toString()).contains("amqp://127.0.0.1:5672/%2f");
    }
  }

  @Test
  void brokerFromTheFactoryUsesTheUrlsHostAndPort() throws IOException {
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (Broker broker = factory.connect("amqp://guest:guest@127.0.0.1:" + port + "/%2f")) {
      assertThatThrownBy(
              () -> broker.publish(Messages.message("nowhere", 1)).get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(BrokerException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }

  @Test
  void urlOfAnotherSchemeIsRefusedNamingTheScheme() {
    assertThatThrownBy(() -> factory.connect("kafka://127.0.0.1:9092"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amqp://")
        .hasMessageContaining("kafka://");
  }

  @Test
  void malformedUrlIsRefusedWithTheReason() {
    assertThatThrownBy(() -> factory.connect("amqp://guest:guest@127.0.0.1:5672/bad path"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a valid RabbitMQ URL");
  }
}
