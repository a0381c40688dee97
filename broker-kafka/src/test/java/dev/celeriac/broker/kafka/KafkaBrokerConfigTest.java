package dev.celeriac.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTest {

  @Test
  void defaultsAreThreePartitionsTheClusterReplicationAndCeleriacTopics() {
    KafkaBrokerConfig config = KafkaBrokerConfig.builder("k1:9092").build();

    assertThat(config.bootstrapServers()).isEqualTo("k1:9092");
    assertThat(config.topicPrefix()).isEqualTo("celeriac.");
    assertThat(config.partitions()).isEqualTo(3);
    assertThat(config.replicationFactor()).isNull();
    assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.linger()).isEqualTo(Duration.ofMillis(5));
    assertThat(config.consumersPerSubscription()).isEqualTo(4);
    assertThat(config.maxConsumersPerSubscription()).isEqualTo(32);
    assertThat(config.recordsPerFetch()).isEqualTo(100);
    assertThat(config.clientProperties()).isEmpty();
    assertThat(config.topicOf("emails")).isEqualTo("celeriac.emails");
  }

  @Test
  void everySettingCanBeChanged() {
    KafkaBrokerConfig config =
        KafkaBrokerConfig.builder("k1:9092")
            .topicPrefix("prod-")
            .partitions(12)
            .replicationFactor((short) 3)
            .publishTimeout(Duration.ofSeconds(5))
            .linger(Duration.ofMillis(20))
            .consumersPerSubscription(2)
            .maxConsumersPerSubscription(6)
            .recordsPerFetch(50)
            .closeTimeout(Duration.ofSeconds(3))
            .clientProperty("security.protocol", "SSL")
            .build();

    assertThat(config.topicOf("emails")).isEqualTo("prod-emails");
    assertThat(config.partitions()).isEqualTo(12);
    assertThat(config.replicationFactor()).isEqualTo((short) 3);
    assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.linger()).isEqualTo(Duration.ofMillis(20));
    assertThat(config.consumersPerSubscription()).isEqualTo(2);
    assertThat(config.maxConsumersPerSubscription()).isEqualTo(6);
    assertThat(config.recordsPerFetch()).isEqualTo(50);
    assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.clientProperties()).containsEntry("security.protocol", "SSL");
  }

  @Test
  void outOfRangeSettingsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> KafkaBrokerConfig.builder(" ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrapServers");
    assertThatThrownBy(() -> KafkaBrokerConfig.builder("k:1").partitions(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partitions");
    assertThatThrownBy(() -> KafkaBrokerConfig.builder("k:1").replicationFactor((short) 0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replicationFactor");
    assertThatThrownBy(() -> KafkaBrokerConfig.builder("k:1").topicPrefix("a/b").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topicPrefix");
    assertThatThrownBy(
            () -> KafkaBrokerConfig.builder("k:1").publishTimeout(Duration.ofMillis(999)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("publishTimeout");
    assertThatThrownBy(
            () ->
                KafkaBrokerConfig.builder("k:1")
                    .publishTimeout(Duration.ofSeconds(2))
                    .linger(Duration.ofMillis(1001))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linger");
    assertThatThrownBy(() -> KafkaBrokerConfig.builder("k:1").consumersPerSubscription(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("consumersPerSubscription");
    assertThatThrownBy(
            () ->
                KafkaBrokerConfig.builder("k:1")
                    .consumersPerSubscription(5)
                    .maxConsumersPerSubscription(4)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConsumersPerSubscription must be >= 5");
    assertThatThrownBy(() -> KafkaBrokerConfig.builder("k:1").recordsPerFetch(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recordsPerFetch");
    assertThatThrownBy(() -> KafkaBrokerConfig.builder("k:1").closeTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closeTimeout");
  }
}
