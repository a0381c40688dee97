package dev.celeriac.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class KafkaBrokerPropertiesTest {
  private final Path directory = Path.of("/tmp/kafka-data");

  @Test
  void shareGroupStateTopicFitsOnASingleBroker() {
    var properties = KafkaBrokerProperties.of(directory, 19_092, 19_093);
    assertThat(properties)
        .containsEntry("share.coordinator.state.topic.replication.factor", "1")
        .containsEntry("share.coordinator.state.topic.min.isr", "1")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1");
  }

  @Test
  void kafkaAcceptsTheConfigurationWithShortShareLocksAndHeartbeats() {
    var config = KafkaConfig.fromProps(KafkaBrokerProperties.of(directory, 19_092, 19_093));
    assertThat(config.getInt("group.share.min.record.lock.duration.ms")).isEqualTo(1_000);
    assertThat(config.getInt("group.share.heartbeat.interval.ms")).isEqualTo(500);
    assertThat(config.getList("log.dirs")).containsExactly(directory.toString());
  }

  @Test
  void nodeListensOnTheGivenPortsOfTheLoopbackAddressOnly() {
    var properties = KafkaBrokerProperties.of(directory, 19_092, 19_093);
    assertThat(properties.getProperty("listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
    assertThat(properties.getProperty("advertised.listeners"))
        .isEqualTo("PLAINTEXT://127.0.0.1:19092");
    assertThat(properties.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
  }
}
