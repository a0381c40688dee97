package dev.celeriac.embedded.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.celeriac.embedded.KafkaEndpoint;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.RabbitMqEndpoint;
import dev.celeriac.embedded.ZooKeeperEndpoint;
import dev.celeriac.embedded.junit.TestServiceUnavailableException;
import dev.celeriac.embedded.junit.internal.ServiceSource.Origin;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ServiceFinderTest {
  private final Map<String, String> variables = new HashMap<>();
  private final FakeLocal local = new FakeLocal();
  private final FakeContainers containers = new FakeContainers();
  private final FakeEmbedded embedded = new FakeEmbedded();
  private final List<String> calls = new ArrayList<>();
  private final ServiceFinder finder =
      new ServiceFinder(variables::get, local, containers, embedded);

  @Test
  void environmentVariableWinsWithoutProbingAnythingElse() {
    variables.put("CELERIAC_TEST_KAFKA_BOOTSTRAP", "kafka-1:9092,kafka-2:9092");
    local.kafka = Lookup.found(new KafkaEndpoint("127.0.0.1:9092"));
    containers.available = true;

    var found = finder.kafka();

    assertThat(found.endpoint()).isEqualTo(new KafkaEndpoint("kafka-1:9092,kafka-2:9092"));
    assertThat(found.source().origin()).isEqualTo(Origin.EXTERNAL);
    assertThat(calls).isEmpty();
  }

  @Test
  void blankEnvironmentVariableCountsAsUnset() {
    variables.put("CELERIAC_TEST_ZOOKEEPER", "   ");
    local.zookeeper = Lookup.found(new ZooKeeperEndpoint("127.0.0.1:2181"));

    assertThat(finder.zookeeper().endpoint()).isEqualTo(new ZooKeeperEndpoint("127.0.0.1:2181"));
    assertThat(calls).containsExactly("local zookeeper");
  }

  @Test
  void serverOnTheDefaultPortComesBeforeContainersAndEmbedded() {
    local.kafka = Lookup.found(new KafkaEndpoint("127.0.0.1:9092"));
    containers.available = true;

    var found = finder.kafka();

    assertThat(found.endpoint()).isEqualTo(new KafkaEndpoint("127.0.0.1:9092"));
    assertThat(found.source().description()).isEqualTo("a server on 127.0.0.1:9092");
    assertThat(calls).containsExactly("local kafka");
  }

  @Test
  void containerComesBeforeEmbeddedWhenDockerIsThere() {
    containers.available = true;

    var found = finder.zookeeper();

    assertThat(found.endpoint()).isEqualTo(new ZooKeeperEndpoint("container:2181"));
    assertThat(found.source().origin()).isEqualTo(Origin.STARTED_FOR_TESTS);
    assertThat(calls).containsExactly("local zookeeper", "docker?", "container zookeeper");
  }

  @Test
  void embeddedServerIsTheLastResortWithoutDocker() {
    var found = finder.kafka();

    assertThat(found.endpoint()).isEqualTo(new KafkaEndpoint("embedded:1"));
    assertThat(found.source().origin()).isEqualTo(Origin.STARTED_FOR_TESTS);
    assertThat(calls).containsExactly("local kafka", "docker?", "embedded kafka");
  }

  @Test
  void postgresFromTheEnvironmentTakesUserAndPasswordFromTheirOwnVariables() {
    variables.put("CELERIAC_TEST_POSTGRES_URL", "jdbc:postgresql://db:5432/app");
    variables.put("CELERIAC_TEST_POSTGRES_USER", "app");
    variables.put("CELERIAC_TEST_POSTGRES_PASSWORD", "secret");

    assertThat(finder.postgres().endpoint())
        .isEqualTo(new PostgresEndpoint("jdbc:postgresql://db:5432/app", "app", "secret"));
  }

  @Test
  void postgresFromTheEnvironmentDefaultsToUserPostgresWithoutPassword() {
    variables.put("CELERIAC_TEST_POSTGRES_URL", "jdbc:postgresql://db:5432/app");

    assertThat(finder.postgres().endpoint())
        .isEqualTo(new PostgresEndpoint("jdbc:postgresql://db:5432/app", "postgres", ""));
  }

  @Test
  void postgresUrlThatIsNotJdbcIsAnErrorNamingTheVariable() {
    variables.put("CELERIAC_TEST_POSTGRES_URL", "postgresql://db:5432/app");

    assertThatThrownBy(finder::postgres)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CELERIAC_TEST_POSTGRES_URL is invalid")
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void invalidEnvironmentVariableIsAnErrorNamingTheVariable() {
    variables.put("CELERIAC_TEST_RABBITMQ_URI", "http://127.0.0.1:5672");

    assertThatThrownBy(finder::rabbitmq)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CELERIAC_TEST_RABBITMQ_URI is invalid")
        .hasMessageContaining("amqp://");
    assertThat(calls).isEmpty();
  }

  @Test
  void rabbitMqFromTheEnvironmentKeepsItsCredentials() {
    variables.put("CELERIAC_TEST_RABBITMQ_URI", "amqp://u:p@rabbit:5672/vh");

    assertThat(finder.rabbitmq().endpoint().uri())
        .isEqualTo(URI.create("amqp://u:p@rabbit:5672/vh"));
  }

  @Test
  void missingRabbitMqUnderCiFailsNamingEveryPlaceTried() {
    variables.put("CI", "true");

    assertThatThrownBy(finder::rabbitmq)
        .isInstanceOf(TestServiceUnavailableException.class)
        .hasMessageContaining("No RabbitMQ for tests")
        .hasMessageContaining("environment variable CELERIAC_TEST_RABBITMQ_URI (not set)")
        .hasMessageContaining("a server on 127.0.0.1:5672 (guest/guest) (port closed)")
        .hasMessageContaining("a Testcontainers container (no Docker engine found)")
        .hasMessageContaining("CI=true, so this fails")
        .satisfies(
            e -> assertThat(((TestServiceUnavailableException) e).service()).isEqualTo("RabbitMQ"));
  }

  @Test
  void missingRabbitMqOutsideCiAbortsTheTestWithTheSameExplanation() {
    variables.put("CI", "false");

    assertThatThrownBy(finder::rabbitmq)
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("No RabbitMQ for tests")
        .hasMessageContaining("127.0.0.1:5672 (guest/guest) (port closed)")
        .hasMessageContaining("no embedded RabbitMQ")
        .hasMessageContaining("Skipped because CI is not true");
  }

  @Test
  void rabbitMqIsTakenFromAContainerWhenDockerIsThere() {
    containers.available = true;

    assertThat(finder.rabbitmq().endpoint())
        .isEqualTo(RabbitMqEndpoint.parse("amqp://guest:guest@container:5672"));
  }

  private final class FakeLocal implements LocalServers {
    Lookup<KafkaEndpoint> kafka = Lookup.missed("port closed");
    Lookup<ZooKeeperEndpoint> zookeeper = Lookup.missed("port closed");

    @Override
    public Lookup<PostgresEndpoint> postgres() {
      calls.add("local postgres");
      return Lookup.missed("port closed");
    }

    @Override
    public Lookup<KafkaEndpoint> kafka() {
      calls.add("local kafka");
      return kafka;
    }

    @Override
    public Lookup<ZooKeeperEndpoint> zookeeper() {
      calls.add("local zookeeper");
      return zookeeper;
    }

    @Override
    public Lookup<RabbitMqEndpoint> rabbitmq() {
      calls.add("local rabbitmq");
      return Lookup.missed("port closed");
    }
  }

  private final class FakeContainers implements ContainerServers {
    boolean available;

    @Override
    public @Nullable String unavailableBecause() {
      calls.add("docker?");
      return available ? null : "no Docker engine found";
    }

    @Override
    public PostgresEndpoint postgres() {
      calls.add("container postgres");
      return new PostgresEndpoint("jdbc:postgresql://container:5432/test", "test", "test");
    }

    @Override
    public KafkaEndpoint kafka() {
      calls.add("container kafka");
      return new KafkaEndpoint("container:9092");
    }

    @Override
    public ZooKeeperEndpoint zookeeper() {
      calls.add("container zookeeper");
      return new ZooKeeperEndpoint("container:2181");
    }

    @Override
    public RabbitMqEndpoint rabbitmq() {
      calls.add("container rabbitmq");
      return RabbitMqEndpoint.parse("amqp://guest:guest@container:5672");
    }
  }

  private final class FakeEmbedded implements EmbeddedServers {
    @Override
    public PostgresEndpoint postgres() {
      calls.add("embedded postgres");
      return new PostgresEndpoint("jdbc:postgresql://embedded:1/postgres", "postgres", "");
    }

    @Override
    public KafkaEndpoint kafka() {
      calls.add("embedded kafka");
      return new KafkaEndpoint("embedded:1");
    }

    @Override
    public ZooKeeperEndpoint zookeeper() {
      calls.add("embedded zookeeper");
      return new ZooKeeperEndpoint("embedded:1");
    }
  }
}
