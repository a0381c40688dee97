package dev.celeriac.embedded.junit.internal;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.RabbitMqEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers calls; loaded only once Testcontainers is known to be on the class path.
 * Containers are stopped by Testcontainers' own reaper when the JVM exits.
 */
final class DockerContainers {
  private DockerContainers() {}

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  static PostgresEndpoint postgres() {
    var container = new PostgreSQLContainer(DockerImageName.parse("postgres:17-alpine"));
    container.start();
    return new PostgresEndpoint(
        container.getJdbcUrl(), container.getUsername(), container.getPassword());
  }

  static KafkaEndpoint kafka() {
    // The broker matches the client version, and gets the single-node share-group settings the
    // embedded node has (see KafkaBrokerProperties).
    var container =
        new KafkaContainer(DockerImageName.parse("apache/kafka:" + kafkaClientVersion()))
            .withEnv(
                Map.of(
                    "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1",
                    "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1",
                    "KAFKA_GROUP_SHARE_MIN_RECORD_LOCK_DURATION_MS", "1000",
                    "KAFKA_GROUP_SHARE_HEARTBEAT_INTERVAL_MS", "500",
                    "KAFKA_GROUP_SHARE_MIN_HEARTBEAT_INTERVAL_MS", "500",
                    "KAFKA_GROUP_SHARE_ASSIGNMENT_INTERVAL_MS", "100"));
    container.start();
    return new KafkaEndpoint(container.getBootstrapServers());
  }

  private static String kafkaClientVersion() {
    try (InputStream in =
        KafkaEndpoint.class.getResourceAsStream("/kafka/kafka-version.properties")) {
      var properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "latest");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kafka-clients version", e);
    }
  }

  static ZooKeeperEndpoint zookeeper() {
    var container =
        new GenericContainer<>(DockerImageName.parse("zookeeper:3.9")).withExposedPorts(2181);
    container.start();
    return new ZooKeeperEndpoint(container.getHost() + ":" + container.getMappedPort(2181));
  }

  static RabbitMqEndpoint rabbitmq() {
    var container = new RabbitMQContainer(DockerImageName.parse("rabbitmq:3.13"));
    container.start();
    return RabbitMqEndpoint.parse(
        "amqp://"
            + container.getAdminUsername()
            + ":"
            + container.getAdminPassword()
            + "@"
            + container.getHost()
            + ":"
            + container.getAmqpPort()
            + "/%2f");
  }
}
