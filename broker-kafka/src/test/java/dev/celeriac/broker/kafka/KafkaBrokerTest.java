package dev.celeriac.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.ConsumerOptions;
import dev.celeriac.api.spi.OutboundMessage;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the broker refuses before it ever talks to Kafka; no server runs here. */
class KafkaBrokerTest {
  // Nothing listens there; none of these tests may need a connection.
  private final KafkaBroker broker =
      KafkaBroker.create(
          KafkaBrokerConfig.builder("127.0.0.1:1").closeTimeout(Duration.ofSeconds(1)).build());

  @AfterEach
  void close() {
    broker.close();
  }

  @Test
  void publishToAQueueThatCannotNameATopicFailsWithTheNamingRule() {
    var message =
        new OutboundMessage("emails/high", TaskId.generate(), "t", 0, new byte[0], Map.of());

    Throwable failure = catchThrowable(() -> broker.publish(message).get(10, TimeUnit.SECONDS));

    assertThat(failure).isInstanceOf(ExecutionException.class);
    assertThat(failure.getCause())
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("emails/high")
        .hasMessageContaining("ASCII letters, digits");
  }

  @Test
  void subscribingToNoQueueOrToAnUnnameableQueueIsRejected() {
    ConsumerOptions options = ConsumerOptions.defaults(10);

    assertThatThrownBy(() -> broker.subscribe(Set.of(), options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one queue");
    assertThatThrownBy(() -> broker.subscribe(Set.of("a b"), options))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a b'");
  }

  @Test
  void closedBrokerRefusesPublishesAndSubscriptionsAndClosesAgainHarmlessly() {
    broker.close();
    broker.close();

    var message = new OutboundMessage("q", TaskId.generate(), "t", 0, new byte[0], Map.of());
    assertThat(broker.publish(message))
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(BrokerException.class);
    assertThatThrownBy(() -> broker.subscribe(Set.of("q"), ConsumerOptions.defaults(10)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
