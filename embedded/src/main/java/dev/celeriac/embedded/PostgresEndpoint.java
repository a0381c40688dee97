package dev.celeriac.embedded;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where a PostgreSQL database is and how to log in.
 *
 * @param jdbcUrl the JDBC URL of the database
 * @param user the user name
 * @param password the password (empty for trust authentication)
 */
public record PostgresEndpoint(String jdbcUrl, String user, String password) {
  /** Validates the fields. */
  public PostgresEndpoint {
    requireNonNull(jdbcUrl, "jdbcUrl");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
  }

  /** Opens a plain JDBC connection (no pool). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  /** The JDBC URL and user; the password is masked so endpoints can be logged. */
  @Override
  public String toString() {
    return "PostgresEndpoint["
        + jdbcUrl
        + ", user="
        + user
        + (password.isEmpty() ? "" : ", password=***")
        + "]";
  }

  /** The same server with database {@code database} instead. */
  public PostgresEndpoint withDatabase(String database) {
    int slash = jdbcUrl.lastIndexOf('/');
    int query = jdbcUrl.indexOf('?', slash);
    String rest = query < 0 ? "" : jdbcUrl.substring(query);
    return new PostgresEndpoint(jdbcUrl.substring(0, slash + 1) + database + rest, user, password);
  }
}
