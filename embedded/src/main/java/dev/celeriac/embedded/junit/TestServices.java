package dev.celeriac.embedded.junit;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.RabbitMqEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;
import dev.celeriac.embedded.junit.internal.PostgresDatabases;
import dev.celeriac.embedded.junit.internal.ServiceFinder;
import dev.celeriac.embedded.junit.internal.SharedService;

/**
 * The services integration tests run against, found once per test JVM on first use and shared by
 * every test in it. Each lookup follows the same order:
 *
 * <ol>
 *   <li>an explicit environment variable ({@code CELERIAC_TEST_POSTGRES_URL}, {@code
 *       CELERIAC_TEST_KAFKA_BOOTSTRAP}, {@code CELERIAC_TEST_ZOOKEEPER}, {@code
 *       CELERIAC_TEST_RABBITMQ_URI});
 *   <li>a server on the default local port (5432, 9092, 2181, 5672), checked with its protocol;
 *   <li>a Testcontainers container when Testcontainers is on the class path and a Docker engine
 *       runs;
 *   <li>the embedded server, started in this JVM and stopped by a shutdown hook when it exits.
 * </ol>
 *
 * <p>RabbitMQ has no embedded server: when none is found the test fails under {@code CI=true}, with
 * a message naming what was tried, and is aborted (reported as skipped) elsewhere. Calls are
 * thread-safe; concurrent first callers wait for one discovery. Static by design: it is the one
 * registry of servers per test JVM, and JUnit extensions cannot share instances across classes.
 */
public final class TestServices {
  private static final ServiceFinder FINDER = ServiceFinder.system();

  private static final SharedService<PostgresEndpoint> POSTGRES =
      new SharedService<>(
          () -> {
            var server = FINDER.postgres();
            return PostgresDatabases.create(server.endpoint(), server.source().origin());
          });
  private static final SharedService<KafkaEndpoint> KAFKA =
      new SharedService<>(() -> FINDER.kafka().endpoint());
  private static final SharedService<ZooKeeperEndpoint> ZOOKEEPER =
      new SharedService<>(() -> FINDER.zookeeper().endpoint());
  private static final SharedService<RabbitMqEndpoint> RABBITMQ =
      new SharedService<>(() -> FINDER.rabbitmq().endpoint());

  private TestServices() {}

  /**
   * A fresh, empty PostgreSQL database for this test JVM, on the server found first among {@code
   * CELERIAC_TEST_POSTGRES_URL} (with {@code _USER}, default {@code postgres}, and {@code
   * _PASSWORD}, default empty), 127.0.0.1:5432 (user {@code postgres}, trust authentication), a
   * container, an embedded server. On a server the tests did not start, the database is dropped
   * when the JVM exits.
   *
   * @throws IllegalStateException if the database cannot be created or the embedded server does not
   *     start
   */
  public static PostgresEndpoint postgres() {
    return POSTGRES.get();
  }

  /**
   * A Kafka cluster with share groups enabled: {@code CELERIAC_TEST_KAFKA_BOOTSTRAP}, else
   * 127.0.0.1:9092, else a container, else an embedded node (cold start about 4-6 s). Tests share
   * the cluster, so each should use its own topic and group names.
   *
   * @throws IllegalStateException if the embedded node does not start
   */
  public static KafkaEndpoint kafka() {
    return KAFKA.get();
  }

  /**
   * A ZooKeeper ensemble: {@code CELERIAC_TEST_ZOOKEEPER}, else 127.0.0.1:2181, else a container,
   * else an embedded server. Tests share it, so each should use its own root path.
   *
   * @throws IllegalStateException if the embedded server does not start
   */
  public static ZooKeeperEndpoint zookeeper() {
    return ZOOKEEPER.get();
  }

  /**
   * A RabbitMQ broker: {@code CELERIAC_TEST_RABBITMQ_URI}, else 127.0.0.1:5672 as guest/guest, else
   * a container. Tests share it, so each should use its own queue names.
   *
   * @throws TestServiceUnavailableException if none is found and {@code CI=true}
   * @throws org.opentest4j.TestAbortedException if none is found outside CI (the test is skipped)
   */
  public static RabbitMqEndpoint rabbitmq() {
    return RABBITMQ.get();
  }
}
