package dev.celeriac.worker.e2e;

import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.TestServices;
import dev.celeriac.store.postgres.PostgresTaskStore;
import dev.celeriac.store.postgres.PostgresTaskStoreBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The test JVM's PostgreSQL database ({@link TestServices#postgres()}), migrated once, with the
 * stores the tests run on and plain SQL counts of what was committed. Tests share the database and
 * tell their tasks apart by queue name.
 */
final class E2eDatabase {
  private static boolean migrated;

  private E2eDatabase() {}

  static synchronized PostgresEndpoint endpoint() {
    PostgresEndpoint endpoint = TestServices.postgres();
    if (!migrated) {
      try (PostgresTaskStore store = builder(endpoint).build()) {
        store.migrate();
      }
      migrated = true;
    }
    return endpoint;
  }

  /** A started store on the migrated database; the caller closes it. */
  static PostgresTaskStore startedStore() {
    PostgresTaskStore store = builder(endpoint()).build();
    store.start();
    return store;
  }

  private static PostgresTaskStoreBuilder builder(PostgresEndpoint endpoint) {
    return PostgresTaskStore.builder()
        .jdbcUrl(endpoint.jdbcUrl())
        .user(endpoint.user())
        .password(endpoint.password());
  }

  /** The URL a worker process is given with {@code --db}: the JDBC URL with user and password. */
  static String processUrl() {
    PostgresEndpoint endpoint = endpoint();
    return endpoint.jdbcUrl()
        + (endpoint.jdbcUrl().contains("?") ? "&" : "?")
        + "user="
        + URLEncoder.encode(endpoint.user(), StandardCharsets.UTF_8)
        + "&password="
        + URLEncoder.encode(endpoint.password(), StandardCharsets.UTF_8);
  }

  /** The single number {@code sql} selects, with {@code parameters} bound as text in order. */
  static long count(String sql, Object... parameters) {
    try (Connection connection = endpoint().connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("counting failed: " + sql + ": " + e.getMessage(), e);
    }
  }
}
