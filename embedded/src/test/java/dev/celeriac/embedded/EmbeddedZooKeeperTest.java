package dev.celeriac.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedZooKeeperTest {
  @Test
  void endpointIsKnownBeforeStartAndUsesTheGivenPort() {
    var zookeeper = EmbeddedZooKeeper.builder().port(12_181).build();
    assertThat(zookeeper.endpoint()).isEqualTo(new ZooKeeperEndpoint("127.0.0.1:12181"));
  }

  @Test
  void builderRejectsAPortOutOfRange() {
    assertThatThrownBy(() -> EmbeddedZooKeeper.builder().port(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..65535, was 0");
  }

  @Test
  void closeBeforeStartIsSafeAndRepeatableButEndsTheInstance() {
    var zookeeper = EmbeddedZooKeeper.builder().build();
    zookeeper.close();
    zookeeper.close();
    zookeeper.stop();
    assertThat(zookeeper.isRunning()).isFalse();
    assertThatThrownBy(zookeeper::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
