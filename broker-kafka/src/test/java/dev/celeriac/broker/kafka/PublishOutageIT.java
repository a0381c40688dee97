package dev.celeriac.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.BrokerException;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.embedded.EmbeddedKafka;
import dev.celeriac.embedded.junit.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Kafka that is down makes publishes fail with a {@link BrokerException} within the publish
 * timeout: never a hang, never a silent loss. Runs its own broker so it can stop it.
 */
@IntegrationTest
class PublishOutageIT {
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);
  // Ten times the bound: a slow machine fits in it, a publish that ignores the bound does not.
  private static final Duration HANG = PUBLISH_TIMEOUT.multipliedBy(10);

  private EmbeddedKafka kafka;
  private KafkaBroker broker;

  @BeforeEach
  void startOwnKafka() {
    kafka = EmbeddedKafka.builder().build();
    kafka.start();
    broker =
        KafkaBroker.create(
            KafkaBrokerConfig.builder(kafka.endpoint().bootstrapServers())
                .publishTimeout(PUBLISH_TIMEOUT)
                .closeTimeout(Duration.ofSeconds(2))
                .build());
  }

  @AfterEach
  void stopIt() {
    broker.close();
    kafka.close();
  }

  @Test
  void publishesFailWithABrokerExceptionWithinTheBoundWhenKafkaIsDown() throws Exception {
    broker.publish(message("known")).get(60, TimeUnit.SECONDS);
    kafka.stop();

    // A queue the broker has published to (topic known, the record waits for delivery) ...
    assertThat(publishAndWait(message("known")))
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("known");
    // ... and one it has never seen (the topic cannot even be created).
    assertThat(publishAndWait(message("never-seen")))
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("never-seen");
  }

  private Throwable publishAndWait(OutboundMessage message) {
    Throwable thrown =
        catchThrowable(() -> broker.publish(message).get(HANG.toMillis(), TimeUnit.MILLISECONDS));
    assertThat(thrown)
        .as("the publish failed within %s rather than hung", HANG)
        .isInstanceOf(ExecutionException.class);
    return thrown.getCause();
  }

  private static OutboundMessage message(String queue) {
    return new OutboundMessage(
        queue, TaskId.generate(), "t", 0, "x".getBytes(StandardCharsets.UTF_8), Map.of());
  }
}
