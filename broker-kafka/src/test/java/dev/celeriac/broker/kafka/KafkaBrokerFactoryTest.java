package dev.celeriac.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.BrokerFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** A launcher finds the Kafka broker by URL through {@link ServiceLoader}; no server runs here. */
class KafkaBrokerFactoryTest {
  private final KafkaBrokerFactory factory = new KafkaBrokerFactory();

  @Test
  void serviceLoaderFindsTheFactory() {
    assertThat(ServiceLoader.load(BrokerFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(KafkaBrokerFactory.class);
  }

  @Test
  void supportsKafkaUrlsOnly() {
    assertThat(factory.supports("kafka://127.0.0.1:9092")).isTrue();
    assertThat(factory.supports("KAFKA://k1:9092,k2:9092")).isTrue();
    assertThat(factory.supports("amqp://127.0.0.1:5672")).isFalse();
  }

  @Test
  void serviceLoadedFactoryMakesAKafkaBrokerOfTheListedServers() {
    try (Broker broker =
        BrokerFactory.fromServiceLoader().connect("kafka://127.0.0.1:9092,127.0.0.1:9093/")) {
      assertThat(broker).isInstanceOf(KafkaBroker.class);
      assertThat(((KafkaBroker) broker).config().bootstrapServers())
          .isEqualTo("127.0.0.1:9092,127.0.0.1:9093");
    }
  }

  @Test
  void bracketedIpv6AddressesAreServers() {
    try (Broker broker = factory.connect("kafka://[::1]:9092")) {
      assertThat(((KafkaBroker) broker).config().bootstrapServers()).isEqualTo("[::1]:9092");
    }
  }

  @Test
  void urlWithoutServersIsRefused() {
    assertThatThrownBy(() -> factory.connect("kafka://"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs host:port");
  }

  @Test
  void serverWithoutAPortIsRefusedNamingIt() {
    assertThatThrownBy(() -> factory.connect("kafka://k1:9092,k2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k2' is not one");
  }

  @Test
  void urlOfAnotherSchemeIsRefusedNamingTheScheme() {
    assertThatThrownBy(() -> factory.connect("amqp://127.0.0.1:5672"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka://")
        .hasMessageContaining("amqp://");
  }
}
