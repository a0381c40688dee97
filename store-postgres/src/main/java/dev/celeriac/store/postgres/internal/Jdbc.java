package dev.celeriac.store.postgres.internal;

import dev.celeriac.store.postgres.TaskStoreException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs a read or a small write on a pooled connection, turning SQL errors into store errors. */
final class Jdbc {
  /** Work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private Jdbc() {}

  static <T> T withConnection(DataSource dataSource, String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new TaskStoreException(what + " failed: " + e.getMessage(), e);
    }
  }
}
