package dev.celeriac.embedded.junit.internal;

import static java.util.Objects.requireNonNull;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.RabbitMqEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;
import dev.celeriac.embedded.junit.internal.FirstAvailable.Found;
import dev.celeriac.embedded.junit.internal.ServiceSource.Origin;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The discovery order of every test service: explicit environment variables, then a server on the
 * default local port, then a container when a Docker engine is present, then the embedded server
 * (none for RabbitMQ). Each call runs the discovery anew; {@code TestServices} keeps the result.
 */
public final class ServiceFinder {
  /** JDBC URL of a PostgreSQL server to create test databases on. */
  public static final String POSTGRES_URL = "CELERIAC_TEST_POSTGRES_URL";

  /** User for {@link #POSTGRES_URL}; default {@code postgres}. */
  public static final String POSTGRES_USER = "CELERIAC_TEST_POSTGRES_USER";

  /** Password for {@link #POSTGRES_URL}; default empty. */
  public static final String POSTGRES_PASSWORD = "CELERIAC_TEST_POSTGRES_PASSWORD";

  /** Kafka {@code bootstrap.servers}. */
  public static final String KAFKA_BOOTSTRAP = "CELERIAC_TEST_KAFKA_BOOTSTRAP";

  /** ZooKeeper connect string. */
  public static final String ZOOKEEPER = "CELERIAC_TEST_ZOOKEEPER";

  /** AMQP URI of RabbitMQ, with credentials. */
  public static final String RABBITMQ_URI = "CELERIAC_TEST_RABBITMQ_URI";

  private final Environment environment;
  private final LocalServers local;
  private final ContainerServers containers;
  private final EmbeddedServers embedded;

  /** A finder that reads {@code environment} and tries the given servers. */
  public ServiceFinder(
      Environment environment,
      LocalServers local,
      ContainerServers containers,
      EmbeddedServers embedded) {
    this.environment = requireNonNull(environment, "environment");
    this.local = requireNonNull(local, "local");
    this.containers = requireNonNull(containers, "containers");
    this.embedded = requireNonNull(embedded, "embedded");
  }

  /** The finder of this JVM: process environment, real probes, Testcontainers, embedded servers. */
  public static ServiceFinder system() {
    return new ServiceFinder(
        Environment.system(),
        new DefaultPortServers(),
        new TestcontainersServers(),
        new InProcessServers());
  }

  /**
   * A PostgreSQL server (not yet a test database).
   *
   * @throws IllegalArgumentException if {@value #POSTGRES_URL} is set but invalid
   */
  public Found<PostgresEndpoint> postgres() {
    return FirstAvailable.find(
        "PostgreSQL",
        List.of(
            fromEnvironment(POSTGRES_URL, this::postgresFromEnvironment),
            external("a server on 127.0.0.1:5432", local::postgres),
            container(containers::postgres),
            embedded(embedded::postgres)),
        environment,
        "Set " + POSTGRES_URL + " or start PostgreSQL on 127.0.0.1:5432.");
  }

  private PostgresEndpoint postgresFromEnvironment(String url) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("must start with jdbc:postgresql:, was " + url);
    }
    return new PostgresEndpoint(
        url,
        environment.getOrDefault(POSTGRES_USER, "postgres"),
        environment.getOrDefault(POSTGRES_PASSWORD, ""));
  }

  /**
   * A Kafka cluster.
   *
   * @throws IllegalArgumentException if {@value #KAFKA_BOOTSTRAP} is set but invalid
   */
  public Found<KafkaEndpoint> kafka() {
    return FirstAvailable.find(
        "Kafka",
        List.of(
            fromEnvironment(KAFKA_BOOTSTRAP, KafkaEndpoint::new),
            external("a server on 127.0.0.1:9092", local::kafka),
            container(containers::kafka),
            embedded(embedded::kafka)),
        environment,
        "Set " + KAFKA_BOOTSTRAP + " or start Kafka on 127.0.0.1:9092.");
  }

  /**
   * A ZooKeeper ensemble.
   *
   * @throws IllegalArgumentException if {@value #ZOOKEEPER} is set but invalid
   */
  public Found<ZooKeeperEndpoint> zookeeper() {
    return FirstAvailable.find(
        "ZooKeeper",
        List.of(
            fromEnvironment(ZOOKEEPER, ZooKeeperEndpoint::new),
            external("a server on 127.0.0.1:2181", local::zookeeper),
            container(containers::zookeeper),
            embedded(embedded::zookeeper)),
        environment,
        "Set " + ZOOKEEPER + " or start ZooKeeper on 127.0.0.1:2181.");
  }

  /**
   * A RabbitMQ broker. There is no embedded RabbitMQ, so this may find nothing.
   *
   * @throws IllegalArgumentException if {@value #RABBITMQ_URI} is set but invalid
   * @throws dev.celeriac.embedded.junit.TestServiceUnavailableException if nothing is found under
   *     CI
   * @throws org.opentest4j.TestAbortedException if nothing is found outside CI
   */
  public Found<RabbitMqEndpoint> rabbitmq() {
    return FirstAvailable.find(
        "RabbitMQ",
        List.of(
            fromEnvironment(RABBITMQ_URI, RabbitMqEndpoint::parse),
            external("a server on 127.0.0.1:5672 (guest/guest)", local::rabbitmq),
            container(containers::rabbitmq)),
        environment,
        "Set "
            + RABBITMQ_URI
            + " (e.g. amqp://guest:guest@127.0.0.1:5672/%2f) or start RabbitMQ on 127.0.0.1:5672;"
            + " Celeriac has no embedded RabbitMQ.");
  }

  private <E> ServiceSource<E> fromEnvironment(String variable, Function<String, E> parse) {
    return new ServiceSource<>(
        "environment variable " + variable,
        Origin.EXTERNAL,
        () -> {
          String value = environment.nonBlank(variable);
          if (value == null) {
            return Lookup.missed("not set");
          }
          try {
            return Lookup.found(parse.apply(value));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is invalid: " + e.getMessage(), e);
          }
        });
  }

  private static <E> ServiceSource<E> external(String description, Supplier<Lookup<E>> probe) {
    return new ServiceSource<>(description, Origin.EXTERNAL, probe);
  }

  private <E> ServiceSource<E> container(Supplier<E> start) {
    return new ServiceSource<>(
        "a Testcontainers container",
        Origin.STARTED_FOR_TESTS,
        () -> {
          String unavailable = containers.unavailableBecause();
          return unavailable != null ? Lookup.missed(unavailable) : Lookup.found(start.get());
        });
  }

  private static <E> ServiceSource<E> embedded(Supplier<E> start) {
    return new ServiceSource<>(
        "an embedded server in this JVM",
        Origin.STARTED_FOR_TESTS,
        () -> Lookup.found(start.get()));
  }
}
