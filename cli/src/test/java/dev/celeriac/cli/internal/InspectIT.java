package dev.celeriac.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.ConnectionFactory;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code celeriac inspect} shows queue depths from the broker beside workers and in-flight (#7).
 */
class InspectIT {
  private static final PostgresEndpoint SERVER = TestServices.postgres();

  private final String queue = "cli_inspect_" + UUID.randomUUID().toString().substring(0, 8);
  private PostgresEndpoint db;

  @BeforeEach
  void freshMigratedDatabase() throws Exception {
    try (Connection connection = SERVER.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS cli_inspect");
      statement.execute("CREATE DATABASE cli_inspect");
    }
    db = SERVER.withDatabase("cli_inspect");
    CliRun migrated = CliRun.of("migrate", "--db", db.jdbcUrl(), "--db-user", db.user());
    assertThat(migrated.exitCode()).as(migrated.err()).isZero();
  }

  @AfterEach
  void deleteTheQueues() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(TestServices.rabbitmq().uri());
    try (var connection = factory.newConnection("cli-inspect-it");
        var channel = connection.createChannel()) {
      channel.queueDelete(queue);
      channel.queueDelete(queue + ".dead");
    }
  }

  @Test
  void showsTheRabbitMqDepthOfAQueueNoWorkerConsumes() {
    String broker = TestServices.rabbitmq().uri().toString();
    submitThree(broker);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              CliRun run = inspect(broker, queue);
              assertThat(run.exitCode()).as(run.err()).isZero();
              assertThat(run.out())
                  .contains("workers (0)\n")
                  .contains("queues (2)\n")
                  .containsPattern("\\n  " + queue + " +depth 3  workers none\\n")
                  .containsPattern("\\n  default +depth \\d+")
                  .contains("in flight (0)\n");
            });
  }

  @Test
  void showsTheKafkaDepthWithTheLagOfEachPartition() {
    String broker = "kafka://" + TestServices.kafka().bootstrapServers();
    submitThree(broker);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              CliRun run = inspect(broker, queue);
              assertThat(run.exitCode()).as(run.err()).isZero();
              assertThat(run.out())
                  .containsPattern(
                      "\\n  " + queue + " +depth 3 \\(lag (p\\d+=\\d+ ?)+\\)  workers none\\n");
            });
  }

  @Test
  void saysTheDepthIsUnknownAndWhyWhenTheBrokerCannotBeReached() throws IOException {
    int port = closedPort();

    CliRun run = inspect("kafka://127.0.0.1:" + port, queue);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "queues (2): depth unknown, cannot reach the Kafka broker at 127.0.0.1:"
                + port
                + ": connection refused\n")
        .containsPattern("\\n  " + queue + " +depth unknown  workers none\\n")
        .doesNotContain("depth 0");
  }

  private void submitThree(String broker) {
    for (int i = 0; i < 3; i++) {
      CliRun submitted =
          CliRun.of(
              "submit",
              "reports.summarise",
              "[]",
              "--queue",
              queue,
              "--broker",
              broker,
              "--db",
              db.jdbcUrl(),
              "--db-user",
              db.user());
      assertThat(submitted.exitCode()).as(submitted.err()).isZero();
    }
  }

  private CliRun inspect(String broker, String extraQueue) {
    return CliRun.of(
        "inspect", extraQueue, "--broker", broker, "--db", db.jdbcUrl(), "--db-user", db.user());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
