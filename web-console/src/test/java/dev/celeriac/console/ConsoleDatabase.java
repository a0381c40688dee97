package dev.celeriac.console;

import dev.celeriac.embedded.PostgresEndpoint;
import dev.celeriac.embedded.junit.TestServices;
import dev.celeriac.store.postgres.PostgresTaskStore;

/** The test JVM's PostgreSQL database, migrated once, and started stores on it. */
final class ConsoleDatabase {
  private static boolean migrated;

  private ConsoleDatabase() {}

  /** A started store on the migrated test database. */
  static synchronized PostgresTaskStore startedStore() {
    PostgresEndpoint endpoint = TestServices.postgres();
    PostgresTaskStore store =
        PostgresTaskStore.builder()
            .jdbcUrl(endpoint.jdbcUrl())
            .user(endpoint.user())
            .password(endpoint.password())
            .poolSize(4)
            .build();
    if (!migrated) {
      store.migrate();
      migrated = true;
    }
    store.start();
    return store;
  }
}
