package dev.celeriac.store.postgres;

import dev.celeriac.api.contract.TaskStoreContractTest;
import dev.celeriac.api.spi.TaskStore;
import java.sql.SQLException;
import java.time.InstantSource;

/** The PostgreSQL store keeps the same task store contract as the in-memory reference store. */
class PostgresTaskStoreContractIT extends TaskStoreContractTest {

  @Override
  protected TaskStore newStore(InstantSource clock) {
    emptyTables();
    return TestDatabase.startedStore(settings -> settings.clock(clock));
  }

  private static void emptyTables() {
    try (var connection = TestDatabase.plainConnection();
        var statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE celeriac_tasks, celeriac_attempts, celeriac_delayed, celeriac_dead_letters,"
              + " celeriac_revocations");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
    }
  }
}
