package dev.celeriac.store.postgres;

import dev.celeriac.api.contract.OperatorStoreContractTest;
import dev.celeriac.api.spi.TaskStore;
import java.sql.SQLException;
import java.time.InstantSource;

/**
 * The PostgreSQL store keeps the console's dead-letter and statistics contract (SQL aggregates).
 */
class PostgresOperatorStoreContractIT extends OperatorStoreContractTest {

  @Override
  protected TaskStore newStore(InstantSource clock) {
    try (var connection = TestDatabase.plainConnection();
        var statement = connection.createStatement()) {
      statement.execute(
          "TRUNCATE celeriac_tasks, celeriac_attempts, celeriac_delayed, celeriac_dead_letters,"
              + " celeriac_revocations");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
    }
    return TestDatabase.startedStore(settings -> settings.clock(clock));
  }
}
