package dev.celeriac.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.broker.kafka.KafkaBrokerConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {
  private final KafkaBrokerConfig config =
      KafkaBrokerConfig.builder("k1:9092")
          .publishTimeout(Duration.ofSeconds(4))
          .linger(Duration.ofMillis(5))
          .clientProperty("acks", "0")
          .clientProperty("enable.idempotence", false)
          .clientProperty("share.acknowledgement.mode", "implicit")
          .clientProperty("client.id", "celeriac-test")
          .build();

  @Test
  void producerIsIdempotentWaitsForAllReplicasAndBoundsEveryWaitByThePublishTimeout() {
    Map<String, Object> producer = ClientConfigs.producer(config);

    assertThat(producer)
        .containsEntry("bootstrap.servers", "k1:9092")
        .containsEntry("enable.idempotence", true)
        .containsEntry("acks", "all")
        .containsEntry("max.in.flight.requests.per.connection", 1)
        .containsEntry("linger.ms", 5)
        .containsEntry("max.block.ms", 4000L)
        .containsEntry("delivery.timeout.ms", 4000)
        .containsEntry("client.id", "celeriac-test");
    // Kafka refuses a producer whose delivery timeout does not cover linger plus one request.
    int request = (Integer) producer.get("request.timeout.ms");
    assertThat(request + 5).isLessThanOrEqualTo(4000);
    // Room for retries: a lost request must not use up the whole publish.
    assertThat(3 * request).isLessThanOrEqualTo(4000 - 5);
  }

  @Test
  void shareConsumerAcknowledgesExplicitlyAndAcquiresAtMostItsBatch() {
    Map<String, Object> consumer = ClientConfigs.shareConsumer(config, "workers", 7, 30_000);

    assertThat(consumer)
        .containsEntry("group.id", "workers")
        .containsEntry("share.acknowledgement.mode", "explicit")
        .containsEntry("share.acquire.mode", "record_limit")
        .containsEntry("max.poll.records", 7)
        .containsEntry("max.poll.interval.ms", 300_000)
        .doesNotContainKey("connections.max.idle.ms");
  }

  @Test
  void shareConsumerHoldingABatchStaysInTheGroupForTwiceTheLock() {
    Map<String, Object> consumer =
        ClientConfigs.shareConsumer(config, "workers", 7, Duration.ofMinutes(10).toMillis());

    assertThat(consumer)
        .containsEntry("max.poll.interval.ms", 1_200_000)
        .containsEntry("connections.max.idle.ms", 1_200_000L);
  }

  @Test
  void adminCallsGiveUpAfterThePublishTimeout() {
    assertThat(ClientConfigs.admin(config))
        .containsEntry("default.api.timeout.ms", 4000)
        .containsEntry("request.timeout.ms", 4000);
  }
}
