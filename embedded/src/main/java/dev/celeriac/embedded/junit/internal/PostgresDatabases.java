package dev.celeriac.embedded.junit.internal;

import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.internal.ServiceSource.Origin;
import java.sql.SQLException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates a fresh database per test JVM on a PostgreSQL server, and drops it on exit. */
public final class PostgresDatabases {
  private static final Logger log = LoggerFactory.getLogger(PostgresDatabases.class);

  private PostgresDatabases() {}

  /**
   * Creates an empty database with a random name on {@code server}.
   *
   * @param origin who runs the server: on an {@link Origin#EXTERNAL} one a shutdown hook drops the
   *     database again; a server started for the tests goes away with the JVM anyway
   * @throws IllegalStateException if the database cannot be created
   */
  public static PostgresEndpoint create(PostgresEndpoint server, Origin origin) {
    String name = "celeriac_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var connection = server.connect();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create a test database on " + server.jdbcUrl() + ": " + e.getMessage(), e);
    }
    if (origin == Origin.EXTERNAL) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> drop(server, name), "drop-database-" + name));
    }
    return server.withDatabase(name);
  }

  private static void drop(PostgresEndpoint server, String name) {
    try (var connection = server.connect();
        var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      log.warn("could not drop test database {}: {}", name, e.getMessage());
    }
  }
}
