package dev.celeriac.faults;

import dev.celeriac.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A Kafka node of the run's own (embedded, on a fixed data directory and ports), advertising the
 * proxy's port, so every client, the test's included, reaches it through the {@link TcpProxy}. A
 * restart is a real one: the node stops and starts again on the same data.
 */
final class KafkaRig implements BrokerRig {
  private final TcpProxy proxy;
  private final EmbeddedKafka kafka;

  KafkaRig(Path dataDirectory) {
    int brokerPort = FaultDatabase.freePort();
    this.proxy = TcpProxy.to("kafka", brokerPort);
    this.kafka =
        EmbeddedKafka.builder()
            .dataDirectory(dataDirectory)
            .brokerPort(brokerPort)
            .advertisedPort(proxy.port())
            .build();
    kafka.start();
  }

  @Override
  public String processUrl() {
    return "kafka://" + kafka.endpoint().bootstrapServers();
  }

  @Override
  public String clientUrl() {
    return processUrl();
  }

  @Override
  public TcpProxy proxy() {
    return proxy;
  }

  @Override
  public String restart(Duration downFor) throws InterruptedException {
    kafka.stop();
    Thread.sleep(downFor);
    kafka.start();
    return "Kafka node stopped and started again on its data";
  }

  @Override
  public OptionalLong deadLettered(String queue) {
    return OptionalLong.empty();
  }

  @Override
  public void close() {
    kafka.close();
    proxy.close();
  }

  @Override
  public String toString() {
    return "Kafka";
  }
}
