package dev.celeriac.embedded.junit.internal;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;

/**
 * Servers started inside this JVM (there is no embedded RabbitMQ). Each method starts a new server
 * that stops when the JVM exits, and throws if it does not start.
 */
public interface EmbeddedServers {
  /** Starts an embedded PostgreSQL server. */
  PostgresEndpoint postgres();

  /** Starts an embedded Kafka node. */
  KafkaEndpoint kafka();

  /** Starts an embedded ZooKeeper server. */
  ZooKeeperEndpoint zookeeper();
}
