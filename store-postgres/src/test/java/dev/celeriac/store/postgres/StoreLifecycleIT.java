package dev.celeriac.store.postgres;

import static dev.celeriac.store.postgres.TestDatabase.aMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Schema migration and the store's lifecycle. */
@Timeout(60)
class StoreLifecycleIT {

  @Test
  void migratingAgainAppliesNothingAndTheHistoryTableIsCeleriacs() throws Exception {
    var endpoint = TestDatabase.endpoint();
    try (var pool = new HikariDataSource()) {
      pool.setJdbcUrl(endpoint.jdbcUrl());
      pool.setUsername(endpoint.user());
      pool.setPassword(endpoint.password());

      assertThat(PostgresSchema.migrate(pool)).isZero();
      try (Connection c = pool.getConnection();
          Statement s = c.createStatement();
          var rows =
              s.executeQuery(
                  "SELECT version FROM celeriac_schema_history WHERE success AND version = '1'")) {
        assertThat(rows.next()).isTrue();
      }
    }
  }

  @Test
  void closeIsIdempotentAndSafeBeforeStart() {
    var endpoint = TestDatabase.endpoint();
    var store =
        PostgresTaskStore.builder()
            .jdbcUrl(endpoint.jdbcUrl())
            .user(endpoint.user())
            .password(endpoint.password())
            .build();
    store.close();
    store.close();
    assertThatThrownBy(store::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void startingTwiceIsRefusedAndWritesBeforeStartFail() throws Exception {
    var endpoint = TestDatabase.endpoint();
    try (var store =
        PostgresTaskStore.builder()
            .jdbcUrl(endpoint.jdbcUrl())
            .user(endpoint.user())
            .password(endpoint.password())
            .build()) {
      assertThatThrownBy(() -> store.recordSubmitted(aMessage("too.early")).join())
          .cause()
          .isInstanceOf(TaskStoreException.class)
          .hasMessageContaining("not running");

      store.start();
      assertThatThrownBy(store::start).isInstanceOf(IllegalStateException.class);
      store.recordSubmitted(aMessage("in.time")).get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aStoreOnAGivenPoolLeavesThePoolOpen() throws Exception {
    var endpoint = TestDatabase.endpoint();
    try (var pool = new HikariDataSource()) {
      pool.setJdbcUrl(endpoint.jdbcUrl());
      pool.setUsername(endpoint.user());
      pool.setPassword(endpoint.password());
      var message = aMessage("given.pool");
      try (var store = TestDatabase.startedStoreOn(pool)) {
        store.recordSubmitted(message).get(30, TimeUnit.SECONDS);
      }
      assertThat(pool.isClosed()).isFalse();
      try (Connection c = pool.getConnection()) {
        assertThat(c.isValid(5)).isTrue();
      }
    }
  }
}
