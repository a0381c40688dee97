package dev.celeriac.store.postgres;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskMessage;
import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.TestServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The test JVM's database, migrated once, and the stores and messages the tests build on it. */
public final class TestDatabase {
  private static boolean migrated;

  private TestDatabase() {}

  public static synchronized PostgresEndpoint endpoint() {
    PostgresEndpoint endpoint = TestServices.postgres();
    if (!migrated) {
      try (var store = builderFor(endpoint).build()) {
        store.migrate();
      }
      migrated = true;
    }
    return endpoint;
  }

  private static PostgresTaskStoreBuilder builderFor(PostgresEndpoint endpoint) {
    return PostgresTaskStore.builder()
        .jdbcUrl(endpoint.jdbcUrl())
        .user(endpoint.user())
        .password(endpoint.password())
        .poolSize(4);
  }

  /** A started store on the migrated test database. */
  public static PostgresTaskStore startedStore() {
    return startedStore(UnaryOperator.identity());
  }

  /** A started store with settings changed by {@code settings}. */
  public static PostgresTaskStore startedStore(UnaryOperator<PostgresTaskStoreBuilder> settings) {
    PostgresTaskStore store = settings.apply(builderFor(endpoint())).build();
    store.start();
    return store;
  }

  /** A started store on the connections of {@code dataSource} (which must reach the database). */
  public static PostgresTaskStore startedStoreOn(javax.sql.DataSource dataSource) {
    endpoint();
    PostgresTaskStore store = PostgresTaskStore.builder().dataSource(dataSource).build();
    store.start();
    return store;
  }

  /** A plain connection outside any store's pool, to look at what was committed. */
  public static Connection plainConnection() throws SQLException {
    return endpoint().connect();
  }

  /** Now, at the microsecond precision PostgreSQL keeps. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** A first-attempt message of task {@code name} with a fresh id. */
  public static TaskMessage aMessage(String name) {
    return aMessage(name, now());
  }

  /** A first-attempt message of task {@code name} submitted at {@code submittedAt}. */
  public static TaskMessage aMessage(String name, Instant submittedAt) {
    var args = JsonNodeFactory.instance.arrayNode().add("to@example.com").add(3);
    return new TaskMessage(
        TaskMessage.CURRENT_VERSION,
        TaskId.generate(),
        name,
        args,
        "default",
        1,
        null,
        null,
        0,
        null,
        Map.of("trace", "t-1"),
        submittedAt);
  }
}
