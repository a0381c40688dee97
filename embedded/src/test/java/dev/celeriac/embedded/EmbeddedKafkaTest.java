package dev.celeriac.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  @Test
  void endpointIsKnownBeforeStartAndUsesTheGivenPort() {
    var kafka = EmbeddedKafka.builder().brokerPort(19_092).controllerPort(19_093).build();
    assertThat(kafka.endpoint()).isEqualTo(new KafkaEndpoint("127.0.0.1:19092"));
  }

  @Test
  void aFreeLoopbackPortIsChosenWhenNoneIsGiven() throws IOException {
    var kafka = EmbeddedKafka.builder().build();
    String[] hostAndPort = kafka.endpoint().bootstrapServers().split(":");
    assertThat(hostAndPort[0]).isEqualTo("127.0.0.1");
    try (var socket =
        new ServerSocket(Integer.parseInt(hostAndPort[1]), 1, InetAddress.getLoopbackAddress())) {
      assertThat(socket.isBound()).isTrue();
    }
  }

  @Test
  void builderRejectsTheSamePortForBrokerAndController() {
    var builder = EmbeddedKafka.builder().brokerPort(19_092).controllerPort(19_092);
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different ports");
  }

  @Test
  void builderRejectsAPortOutOfRange() {
    assertThatThrownBy(() -> EmbeddedKafka.builder().brokerPort(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..65535, was 70000");
  }

  @Test
  void closeBeforeStartIsSafeAndRepeatableButEndsTheInstance() {
    var kafka = EmbeddedKafka.builder().build();
    kafka.close();
    kafka.close();
    kafka.stop();
    assertThat(kafka.isRunning()).isFalse();
    assertThatThrownBy(kafka::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void givenDataDirectoryIsReportedBeforeStart(@TempDir Path directory) {
    var kafka = EmbeddedKafka.builder().dataDirectory(directory).build();
    assertThat(kafka.dataDirectory()).isEqualTo(directory);
  }

  @Test
  void temporaryDataDirectoryDoesNotExistBeforeStart() {
    var kafka = EmbeddedKafka.builder().build();
    assertThatThrownBy(kafka::dataDirectory)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("created on start()");
  }
}
