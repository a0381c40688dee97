package dev.celeriac.embedded.junit;

import dev.celeriac.embedded.EmbeddedPostgres;
import dev.celeriac.embedded.PostgresEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.SQLException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services integration tests run against, found once per test JVM and shared by every test in
 * it. Each lookup follows the same order: explicit environment variables, a server on the default
 * local port, the embedded server.
 */
public final class TestServices {
  private static final Logger log = LoggerFactory.getLogger(TestServices.class);
  private static final Object LOCK = new Object();
  private static @Nullable PostgresEndpoint postgres;
  private static @Nullable EmbeddedPostgres embeddedPostgres;

  private TestServices() {}

  /**
   * A fresh, empty PostgreSQL database for this test JVM. From {@code CELERIAC_TEST_POSTGRES_URL}
   * ({@code _USER}, {@code _PASSWORD}) if set, else the server on 127.0.0.1:5432 (user {@code
   * postgres}, trust authentication), else an embedded server. The database is created for this JVM
   * and dropped when it exits.
   */
  public static PostgresEndpoint postgres() {
    synchronized (LOCK) {
      if (postgres == null) {
        postgres = freshDatabase(findPostgresServer());
      }
      return postgres;
    }
  }

  private static PostgresEndpoint findPostgresServer() {
    String url = System.getenv("CELERIAC_TEST_POSTGRES_URL");
    if (url != null && !url.isBlank()) {
      log.info("PostgreSQL for tests: {} (from CELERIAC_TEST_POSTGRES_URL)", url);
      return new PostgresEndpoint(
          url,
          env("CELERIAC_TEST_POSTGRES_USER", "postgres"),
          env("CELERIAC_TEST_POSTGRES_PASSWORD", ""));
    }
    if (portOpen(5432)) {
      var local = new PostgresEndpoint("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
      if (canConnect(local)) {
        log.info("PostgreSQL for tests: the local server on 127.0.0.1:5432");
        return local;
      }
    }
    log.info("PostgreSQL for tests: starting an embedded server");
    var embedded = new EmbeddedPostgres(null);
    embeddedPostgres = embedded;
    PostgresEndpoint endpoint = embedded.start();
    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "embedded-postgres-stop"));
    return endpoint;
  }

  private static PostgresEndpoint freshDatabase(PostgresEndpoint server) {
    String name = "celeriac_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var connection = server.connect();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create a test database on " + server.jdbcUrl() + ": " + e.getMessage(), e);
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> dropDatabase(server, name), "drop-" + name));
    return server.withDatabase(name);
  }

  private static void dropDatabase(PostgresEndpoint server, String name) {
    if (embeddedPostgres != null) {
      return; // the whole embedded server goes away
    }
    try (var connection = server.connect();
        var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      log.warn("could not drop test database {}: {}", name, e.getMessage());
    }
  }

  private static boolean canConnect(PostgresEndpoint endpoint) {
    try (var connection = endpoint.connect()) {
      return connection.isValid(5);
    } catch (SQLException e) {
      log.info("port 5432 is open but {} refused: {}", endpoint.jdbcUrl(), e.getMessage());
      return false;
    }
  }

  static boolean portOpen(int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
