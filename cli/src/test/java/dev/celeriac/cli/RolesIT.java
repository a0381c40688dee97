package dev.celeriac.cli;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.ConnectionFactory;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production roles of the shaded jar, one process each on RabbitMQ, PostgreSQL and ZooKeeper
 * (#7): each says it is ready, a worker runs a submitted task, the console serves its page, and
 * SIGTERM stops each with exit code 0.
 */
class RolesIT {
  private static final Duration START = Duration.ofSeconds(120);

  @TempDir Path dir;
  private ShadedJar jar;
  private final String queue = "cli_roles_" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> connection = new ArrayList<>();

  @BeforeEach
  void freshDatabaseAndQueue() throws Exception {
    jar = new ShadedJar(dir);
    PostgresEndpoint server = TestServices.postgres();
    try (Connection c = server.connect();
        Statement statement = c.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS cli_roles");
      statement.execute("CREATE DATABASE cli_roles");
    }
    PostgresEndpoint db = server.withDatabase("cli_roles");
    connection.addAll(
        List.of(
            "--broker",
            TestServices.rabbitmq().uri().toString(),
            "--db",
            db.jdbcUrl(),
            "--db-user",
            db.user()));
    ShadedJar.Result migrated = jar.run(with("migrate"));
    assertThat(migrated.code()).as(migrated.toString()).isZero();
  }

  @AfterEach
  void stopAndDeleteTheQueue() throws Exception {
    jar.close();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(TestServices.rabbitmq().uri());
    try (var rabbit = factory.newConnection("cli-roles-it");
        var channel = rabbit.createChannel()) {
      channel.queueDelete(queue);
      channel.queueDelete(queue + ".dead");
    }
  }

  @Test
  void workerCoordinatorAndConsoleStartRunTheirWorkAndStopOnSigterm() throws Exception {
    int consolePort = freePort();
    Process worker =
        jar.start(
            "worker.out",
            with("worker", "--tasks", "dev.celeriac.samples.ReportTasks", "--queues", queue));
    Process coordinator =
        jar.start(
            "coordinator.out",
            with("coordinator", "--zk", TestServices.zookeeper().connectString()));
    Process console =
        jar.start("console.out", with("console", "--console-port", Integer.toString(consolePort)));
    jar.awaitOutput(worker, "worker.out", "celeriac worker is ready: ", START);
    jar.awaitOutput(coordinator, "coordinator.out", "celeriac coordinator is ready: ", START);
    jar.awaitOutput(console, "console.out", "celeriac console is ready: ", START);

    ShadedJar.Result submitted =
        jar.run(
            with(
                "submit",
                "reports.summarise",
                "[{\"title\":\"roles\",\"values\":[2,4]}]",
                "--queue",
                queue,
                "--wait"));
    assertThat(submitted.code()).as(submitted.toString()).isZero();
    assertThat(submitted.out()).contains(" SUCCEEDED ", "\"title\":\"roles\"", "\"total\":6.0");
    assertThat(jar.read("worker.out"))
        .contains("consuming [" + queue + "] on amqp://***@")
        .doesNotContain("guest:guest");
    assertThat(jar.read("coordinator.out"))
        .contains(
            "celeriac coordinator is ready: in the election at ZooKeeper "
                + TestServices.zookeeper().connectString());
    assertThat(jar.read("console.out"))
        .contains(
            "celeriac console is ready: http://127.0.0.1:"
                + consolePort
                + " (no tokens: local callers only)");
    assertThat(page("http://127.0.0.1:" + consolePort + "/").statusCode()).isEqualTo(200);

    for (Process role : List.of(worker, coordinator, console)) {
      role.destroy();
    }
    assertStoppedCleanly(worker, "worker", "celeriac worker: stopping (draining running tasks)\n");
    assertStoppedCleanly(coordinator, "coordinator", "celeriac coordinator: stopping\n");
    assertStoppedCleanly(console, "console", "celeriac console: stopping\n");
  }

  private void assertStoppedCleanly(Process process, String role, String lastLine)
      throws Exception {
    assertThat(process.waitFor(60, SECONDS)).as(role + " stops after SIGTERM").isTrue();
    assertThat(process.exitValue()).as(jar.read(role + ".err")).isZero();
    assertThat(jar.read(role + ".out")).endsWith(lastLine);
  }

  private String[] with(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(connection);
    return all.toArray(String[]::new);
  }

  private static HttpResponse<String> page(String url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
