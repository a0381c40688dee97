package dev.celeriac.embedded.junit.internal;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.RabbitMqEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Containers through Testcontainers, an optional dependency: when it is not on the class path this
 * step reports so and no Testcontainers class is loaded.
 */
final class TestcontainersServers implements ContainerServers {
  @Override
  public @Nullable String unavailableBecause() {
    try {
      Class.forName("org.testcontainers.DockerClientFactory", false, getClass().getClassLoader());
    } catch (ClassNotFoundException e) {
      return "Testcontainers is not on the test class path";
    }
    return DockerContainers.dockerAvailable() ? null : "no Docker engine found";
  }

  @Override
  public PostgresEndpoint postgres() {
    return DockerContainers.postgres();
  }

  @Override
  public KafkaEndpoint kafka() {
    return DockerContainers.kafka();
  }

  @Override
  public ZooKeeperEndpoint zookeeper() {
    return DockerContainers.zookeeper();
  }

  @Override
  public RabbitMqEndpoint rabbitmq() {
    return DockerContainers.rabbitmq();
  }
}
