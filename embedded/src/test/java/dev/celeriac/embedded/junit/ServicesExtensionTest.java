package dev.celeriac.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

class ServicesExtensionTest {
  @RegisterExtension
  static final ServicesExtension SERVICES =
      new ServicesExtension(
          Map.of(
              KafkaEndpoint.class, () -> new KafkaEndpoint("fake-kafka:9092"),
              ZooKeeperEndpoint.class, () -> new ZooKeeperEndpoint("fake-zk:2181")));

  @Test
  void endpointParametersAreResolvedByTheirType(KafkaEndpoint kafka, ZooKeeperEndpoint zookeeper) {
    assertThat(kafka.bootstrapServers()).isEqualTo("fake-kafka:9092");
    assertThat(zookeeper.connectString()).isEqualTo("fake-zk:2181");
  }

  @Test
  void otherParametersAreLeftToOtherResolvers(TestInfo info) {
    assertThat(info.getTestMethod()).isPresent();
  }
}
