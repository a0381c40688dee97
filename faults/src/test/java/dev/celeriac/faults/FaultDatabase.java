package dev.celeriac.faults;

import dev.celeriac.embedded.EmbeddedPostgres;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger test's own PostgreSQL: an embedded server on a fixed data directory and port, so it
 * can be restarted under the processes without touching the machine's shared server, and a {@link
 * TcpProxy} in front of it through which workers and coordinators reach it (the test's own client,
 * audit and the tasks' execution records go straight to the server).
 */
final class FaultDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FaultDatabase.class);

  private final EmbeddedPostgres server;
  private final int port;
  private final TcpProxy proxy;

  FaultDatabase(Path dataDirectory) {
    this.port = freePort();
    try {
      Files.createDirectories(dataDirectory.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.server = new EmbeddedPostgres(dataDirectory, port);
    server.start();
    this.proxy = TcpProxy.to("postgres", port);
    try (PostgresTaskStore store = PostgresTaskStore.builder().jdbcUrl(directUrl()).build()) {
      store.migrate();
    }
    execute(
        """
        CREATE TABLE IF NOT EXISTS fault_executions (
          task_id    uuid        NOT NULL,
          attempt    integer     NOT NULL,
          worker_pid bigint      NOT NULL,
          at         timestamptz NOT NULL DEFAULT clock_timestamp())
        """);
    log.info("PostgreSQL ready on port {} behind proxy port {}", port, proxy.port());
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** The URL (user in it) of the server itself, for the test's client, audit and task records. */
  String directUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** The URL (user in it) through the proxy, for workers and coordinators. */
  String proxiedUrl() {
    return "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres?user=postgres";
  }

  TcpProxy proxy() {
    return proxy;
  }

  /** Stops the server and starts it again on the same data and port after {@code downFor}. */
  void restart(Duration downFor) throws InterruptedException {
    server.close();
    Thread.sleep(downFor);
    PostgresEndpoint endpoint = server.start();
    log.info("PostgreSQL restarted on {}", endpoint.jdbcUrl());
  }

  /** Terminates every other connection to the test's database; returns how many. */
  int terminateConnections() throws SQLException {
    try (Connection connection = DriverManager.getConnection(directUrl());
        Statement statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                """
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()
                """)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  void execute(String sql) {
    try (Connection connection = DriverManager.getConnection(directUrl());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** A new connection to the server itself; the caller closes it. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(directUrl());
  }

  @Override
  public void close() {
    proxy.close();
    server.close();
  }
}
