package dev.celeriac.embedded.junit.internal;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.RabbitMqEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * Servers started in containers. Each start method starts a new container that stops when the JVM
 * exits; call them only when {@link #unavailableBecause()} is null.
 */
public interface ContainerServers {
  /** Null when containers can run here, else why not (for the "tried" message). */
  @Nullable String unavailableBecause();

  /** Starts a PostgreSQL container. */
  PostgresEndpoint postgres();

  /** Starts a Kafka container with share groups usable on its single node. */
  KafkaEndpoint kafka();

  /** Starts a ZooKeeper container. */
  ZooKeeperEndpoint zookeeper();

  /** Starts a RabbitMQ container. */
  RabbitMqEndpoint rabbitmq();
}
