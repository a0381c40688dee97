package dev.celeriac.embedded.junit.internal;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.RabbitMqEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;

/**
 * Servers already listening on their default ports on 127.0.0.1. Each method checks that the port
 * answers as the expected server, not merely that it is open.
 */
public interface LocalServers {
  /** PostgreSQL on 5432, user {@code postgres} with trust authentication. */
  Lookup<PostgresEndpoint> postgres();

  /** Kafka on 9092. */
  Lookup<KafkaEndpoint> kafka();

  /** ZooKeeper on 2181. */
  Lookup<ZooKeeperEndpoint> zookeeper();

  /** RabbitMQ on 5672, user {@code guest}, password {@code guest}. */
  Lookup<RabbitMqEndpoint> rabbitmq();
}
