package dev.celeriac.store.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens the connection the result listener holds for {@code LISTEN}. */
@FunctionalInterface
public interface ListenerConnections {
  /** A new connection to the store's database; the caller closes it. */
  Connection open() throws SQLException;
}
