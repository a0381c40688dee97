package dev.celeriac.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.celeriac.api.contract.ScheduleStoreContractTest;
import dev.celeriac.api.spi.ScheduleStore;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;

/** The PostgreSQL schedule store keeps the same contract as the in-memory one (issue 5). */
class PostgresScheduleStoreContractIT extends ScheduleStoreContractTest {
  private static HikariDataSource pool;

  @Override
  protected ScheduleStore newStore() {
    emptyTables();
    return PostgresScheduleStore.on(pool());
  }

  private static synchronized HikariDataSource pool() {
    if (pool == null) {
      var endpoint = TestDatabase.endpoint();
      pool = new HikariDataSource();
      pool.setJdbcUrl(endpoint.jdbcUrl());
      pool.setUsername(endpoint.user());
      pool.setPassword(endpoint.password());
      pool.setMaximumPoolSize(8);
    }
    return pool;
  }

  @AfterAll
  static void closePool() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  private static void emptyTables() {
    try (var connection = TestDatabase.plainConnection();
        var statement = connection.createStatement()) {
      statement.execute("TRUNCATE celeriac_schedules, celeriac_schedule_fires");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the test database: " + e.getMessage(), e);
    }
  }
}
