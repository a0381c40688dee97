package dev.celeriac.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The failures that need a real server to show: rejected credentials and a missing schema. */
class ErrorMessagesIT {
  private static final PostgresEndpoint DB = TestServices.postgres();

  @Test
  void aDatabaseUserThatDoesNotExistIsOneLineNamingUserAndUrlWithExitCode77() {
    String url = withoutQuery(DB.jdbcUrl());

    CliRun run =
        CliRun.of("migrate", "--db", url, "--db-user", "nobody_here", "--db-password", "x");

    assertThat(run.exitCode()).isEqualTo(77);
    assertThat(run.err())
        .startsWith("celeriac migrate: PostgreSQL at " + url + " rejected user 'nobody_here': ")
        .endsWith("; check --db-user and --db-password\n");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void aRabbitMqPasswordItRejectsIsOneLineNamingTheUserWithExitCode77() {
    URI uri = TestServices.rabbitmq().uri();
    String wrong = "amqp://guest:wrong-password@" + uri.getHost() + ":" + uri.getPort();

    var failure =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            CliFailure.class, () -> Brokers.open(wrong));

    assertThat(failure.exitCode()).isEqualTo(77);
    assertThat(failure.getMessage())
        .isEqualTo(
            "RabbitMQ at amqp://***@"
                + uri.getHost()
                + ":"
                + uri.getPort()
                + " rejected user 'guest'; check the user and password in --broker");
  }

  @Test
  void aDatabaseWithoutTheSchemaIsOneLineSayingToMigrateWithExitCode78() throws SQLException {
    PostgresEndpoint empty = freshDatabase("cli_no_schema");

    CliRun run = CliRun.of("inspect", "--db", empty.jdbcUrl(), "--db-user", empty.user());

    assertThat(run.exitCode()).isEqualTo(78);
    assertThat(run.err())
        .isEqualTo(
            "celeriac inspect: the database at "
                + empty.jdbcUrl()
                + " has no Celeriac schema; run `celeriac migrate` with the same --db first\n");
  }

  @Test
  void anUnreachableKafkaBrokerIsOneLineNamingItsAddressWithExitCode69() throws IOException {
    CliRun migrated = CliRun.of("migrate", "--db", DB.jdbcUrl(), "--db-user", DB.user());
    assertThat(migrated.exitCode()).as(migrated.err()).isZero();
    int port = closedPort();

    CliRun run =
        CliRun.of(
            "submit",
            "reports.summarise",
            "[]",
            "--db",
            DB.jdbcUrl(),
            "--db-user",
            DB.user(),
            "--broker",
            "kafka://127.0.0.1:" + port);

    assertThat(run.exitCode()).isEqualTo(69);
    assertThat(run.err())
        .isEqualTo(
            "celeriac submit: cannot reach the Kafka broker at 127.0.0.1:"
                + port
                + ": connection refused\n");
  }

  @Test
  void migrateAppliesTheSchemaAndAStatusOfAnUnknownTaskExitsWith1() {
    PostgresEndpoint db = freshDatabaseUnchecked("cli_migrate");

    CliRun first = CliRun.of("migrate", "--db", db.jdbcUrl(), "--db-user", db.user());
    CliRun again = CliRun.of("migrate", "--db", db.jdbcUrl(), "--db-user", db.user());
    CliRun status =
        CliRun.of(
            "status",
            "01a2253e-453b-7631-8211-8564666079c7",
            "--db",
            db.jdbcUrl(),
            "--db-user",
            db.user());

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("applied ").doesNotStartWith("applied 0 ");
    assertThat(again.out()).startsWith("applied 0 migration(s)");
    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.err())
        .isEqualTo(
            "celeriac status: no task 01a2253e-453b-7631-8211-8564666079c7 in the database at "
                + db.jdbcUrl()
                + "\n");
  }

  private static PostgresEndpoint freshDatabaseUnchecked(String name) {
    try {
      return freshDatabase(name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PostgresEndpoint freshDatabase(String name) throws SQLException {
    try (Connection connection = DB.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    }
    return DB.withDatabase(name);
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
