package dev.celeriac.coordinator;

import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.TestServices;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;

/** The test JVM's PostgreSQL database, migrated once, and the stores the tests build on it. */
final class TestDatabase {
  private static boolean migrated;

  private TestDatabase() {}

  static synchronized PostgresEndpoint endpoint() {
    PostgresEndpoint endpoint = TestServices.postgres();
    if (!migrated) {
      try (var store = builder(endpoint).build()) {
        store.migrate();
      }
      execute(
          "CREATE TABLE IF NOT EXISTS test_published (task_id uuid NOT NULL, queue text NOT NULL,"
              + " published_at timestamptz NOT NULL DEFAULT clock_timestamp())");
      migrated = true;
    }
    return endpoint;
  }

  private static dev.celeriac.store.postgres.PostgresTaskStoreBuilder builder(
      PostgresEndpoint endpoint) {
    return PostgresTaskStore.builder()
        .jdbcUrl(endpoint.jdbcUrl())
        .user(endpoint.user())
        .password(endpoint.password())
        .poolSize(6);
  }

  /** A started store on the test database whose default due times follow {@code clock}. */
  static PostgresTaskStore startedStore(InstantSource clock) {
    PostgresTaskStore store = builder(endpoint()).clock(clock).build();
    store.start();
    return store;
  }

  /** The JDBC URL with the credentials as parameters, for a child process's table broker. */
  static String urlWithCredentials() {
    PostgresEndpoint e = endpoint();
    String separator = e.jdbcUrl().contains("?") ? "&" : "?";
    return e.jdbcUrl()
        + separator
        + "user="
        + URLEncoder.encode(e.user(), StandardCharsets.UTF_8)
        + "&password="
        + URLEncoder.encode(e.password(), StandardCharsets.UTF_8);
  }

  static Connection connect() throws SQLException {
    return endpoint().connect();
  }

  static void execute(String sql) {
    try (Connection c = TestServices.postgres().connect();
        var s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }
}
