package dev.celeriac.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each failure a person can act on is one line naming what and where, with its exit code and no
 * stack trace. These need no server: the addresses are ports nobody listens on.
 */
class ErrorMessagesTest {
  @TempDir Path dir;

  @Test
  void anUnreachableDatabaseIsOneLineNamingItsUrlWithExitCode69() throws IOException {
    int port = closedPort();

    CliRun run = CliRun.of("migrate", "--db", "jdbc:postgresql://127.0.0.1:" + port + "/celeriac");

    assertThat(run.exitCode()).isEqualTo(69);
    assertThat(run.err())
        .isEqualTo(
            "celeriac migrate: cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:"
                + port
                + "/celeriac: connection refused\n");
  }

  @Test
  void anUnreachableBrokerIsNamedWithItsAddress() throws IOException {
    int port = closedPort();

    var failure =
        catchThrowableOfType(CliFailure.class, () -> Brokers.open("kafka://127.0.0.1:" + port));

    assertThat(failure.exitCode()).isEqualTo(69);
    assertThat(failure.getMessage())
        .isEqualTo("cannot reach the Kafka broker at 127.0.0.1:" + port + ": connection refused");
  }

  @Test
  void anUnreachableRabbitMqIsNamedWithoutItsPassword() throws IOException {
    int port = closedPort();

    var failure =
        catchThrowableOfType(
            CliFailure.class, () -> Brokers.open("amqp://guest:secret@127.0.0.1:" + port));

    assertThat(failure.exitCode()).isEqualTo(69);
    assertThat(failure.getMessage())
        .isEqualTo(
            "cannot reach RabbitMQ at amqp://***@127.0.0.1:" + port + ": connection refused");
  }

  @Test
  void anUnreachableZooKeeperIsOneLineNamingItsAddressWithExitCode69() throws IOException {
    int port = closedPort();

    CliRun run = CliRun.of("coordinator", "--zk", "127.0.0.1:" + port);

    assertThat(run.exitCode()).isEqualTo(69);
    assertThat(run.err())
        .isEqualTo(
            "celeriac coordinator: cannot reach ZooKeeper at 127.0.0.1:"
                + port
                + ": connection refused\n");
  }

  @Test
  void aDevPortInUseIsOneLineNamingThePortAndItsFlagWithExitCode69() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      CliRun run =
          CliRun.of(
              "dev",
              "--data-dir",
              dir.resolve("dev").toString(),
              "--kafka-port",
              Integer.toString(port));

      assertThat(run.exitCode()).isEqualTo(69);
      assertThat(run.err())
          .isEqualTo(
              "celeriac dev: port "
                  + port
                  + " on 127.0.0.1 for Kafka (--kafka-port) is already in use\n");
    }
  }

  @Test
  void aConsolePortInUseIsOneLineNamingThePortWithExitCode69() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      CliRun run = CliRun.of("console", "--console-port", Integer.toString(port));

      assertThat(run.exitCode()).isEqualTo(69);
      assertThat(run.err())
          .isEqualTo(
              "celeriac console: port "
                  + port
                  + " on 127.0.0.1 for the console (--console-port) is already in use\n");
    }
  }

  @Test
  void consoleTokensThatAreTooShortAreAUsageErrorThatNeverShowsTheToken() {
    CliRun run = CliRun.of("console", "--console-tokens", "admin:short-secret");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("celeriac console: --console-tokens: token entry 1 (admin)");
    assertThat(run.err()).doesNotContain("short-secret");
  }

  @Test
  void aBrokerUrlOfAnUnknownKindIsAUsageError() {
    var failure = catchThrowableOfType(CliFailure.class, () -> Brokers.open("nats://x:1"));

    assertThat(failure.exitCode()).isEqualTo(2);
    assertThat(failure.getMessage())
        .isEqualTo("--broker must start with kafka:// or amqp://, was 'nats://x:1'");
  }

  @Test
  void anUnknownTaskWithoutAQueueIsAUsageErrorSayingWhatToPass() {
    CliRun run = CliRun.of("submit", "nobody.knows");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "celeriac submit: unknown task 'nobody.knows': name its class with --tasks, or its queue"
                + " with --queue\n");
  }

  @Test
  void argumentsThatAreNotAJsonArrayAreAUsageError() {
    CliRun run = CliRun.of("submit", "reports.summarise", "{\"not\": \"an array\"}");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("celeriac submit: ARGS must be a JSON array, was '{\"not\": \"an array\"}'\n");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
