package dev.celeriac.broker.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AmqpBrokerConfigTest {
  private static final URI LOCAL = URI.create("amqp://guest:guest@127.0.0.1:5672/%2f");

  @Test
  void defaultsAreTheDocumentedOnes() {
    AmqpBrokerConfig config = AmqpBrokerConfig.builder(LOCAL).build();

    assertThat(config.exchange()).isEqualTo("celeriac");
    assertThat(config.deliveryLimit()).isEqualTo(5);
    assertThat(config.priorityQueues()).isEmpty();
    assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.recoveryInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.publishChannels()).isEqualTo(4);
    assertThat(config.connectionName()).isEqualTo("celeriac");
  }

  @Test
  void onlyConfiguredQueuesArePriorityQueues() {
    AmqpBrokerConfig config = AmqpBrokerConfig.builder(LOCAL).priorityQueue("reports").build();

    assertThat(config.isPriorityQueue("reports")).isTrue();
    assertThat(config.isPriorityQueue("emails")).isFalse();
  }

  @Test
  void uriMustBeAmqpOrAmqps() {
    assertThatThrownBy(() -> AmqpBrokerConfig.builder(URI.create("http://localhost")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amqp://");
    assertThat(AmqpBrokerConfig.builder(URI.create("amqps://host")).build().uri().getScheme())
        .isEqualTo("amqps");
  }

  @Test
  void countsBelowOneAndNonPositiveDurationsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> AmqpBrokerConfig.builder(LOCAL).deliveryLimit(0).build())
        .hasMessageContaining("deliveryLimit must be >= 1, was 0");
    assertThatThrownBy(() -> AmqpBrokerConfig.builder(LOCAL).publishChannels(0).build())
        .hasMessageContaining("publishChannels");
    assertThatThrownBy(() -> AmqpBrokerConfig.builder(LOCAL).publishTimeout(Duration.ZERO).build())
        .hasMessageContaining("publishTimeout must be positive");
    assertThatThrownBy(
            () -> AmqpBrokerConfig.builder(LOCAL).recoveryInterval(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("recoveryInterval");
  }

  @Test
  void blankNamesAreRejected() {
    assertThatThrownBy(() -> AmqpBrokerConfig.builder(LOCAL).exchange(" ").build())
        .hasMessageContaining("exchange must not be blank");
    assertThatThrownBy(() -> AmqpBrokerConfig.builder(LOCAL).priorityQueue("").build())
        .hasMessageContaining("priority queue name");
  }

  @Test
  void toStringOfTheBrokerHidesTheCredentials() {
    try (AmqpBroker broker = AmqpBroker.create(AmqpBrokerConfig.builder(LOCAL).build())) {
      assertThat(broker.toString()).doesNotContain("guest").contains("127.0.0.1:5672");
    }
  }
}
