package dev.celeriac.cli.internal;

import dev.celeriac.cli.Main;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the PostgreSQL database is, and how the command opens it: a first plain connection tells an
 * unreachable server, rejected credentials, a missing database and a missing schema apart, each
 * with its own line and exit code, before the store's pool is built.
 *
 * @param jdbcUrl the JDBC URL
 * @param user the user
 * @param password the password, possibly empty
 */
public record Database(String jdbcUrl, String user, String password) {
  private static final int LOGIN_TIMEOUT_S = 5;

  /** Validates the URL's form. */
  public Database {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new CliFailure(
          Main.EXIT_USAGE,
          "--db must be a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/celeriac,"
              + " was '"
              + Failures.redact(jdbcUrl)
              + "'");
    }
  }

  /**
   * Opens and starts the task store.
   *
   * @param requireSchema whether a database without the Celeriac tables is an error (every command
   *     but {@code migrate} and {@code dev})
   * @throws CliFailure naming the problem
   */
  public PostgresTaskStore open(boolean requireSchema) {
    check(requireSchema);
    PostgresTaskStore store =
        PostgresTaskStore.builder().jdbcUrl(jdbcUrl).user(user).password(password).build();
    try {
      store.start();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw Failures.unreachable("PostgreSQL", jdbcUrl, e);
    }
  }

  /**
   * Connects once and checks what the stores need.
   *
   * @throws CliFailure naming the problem
   */
  public void check(boolean requireSchema) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_S));
    properties.setProperty("connectTimeout", Integer.toString(LOGIN_TIMEOUT_S));
    try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
      if (requireSchema && !hasSchema(connection)) {
        throw new CliFailure(
            Main.EXIT_CONFIG,
            "the database at "
                + Failures.redact(jdbcUrl)
                + " has no Celeriac schema; run `celeriac migrate` with the same --db first");
      }
    } catch (SQLException e) {
      throw explain(e);
    }
  }

  private static boolean hasSchema(Connection connection) throws SQLException {
    try (var statement = connection.prepareStatement("SELECT to_regclass('celeriac_tasks')");
        ResultSet row = statement.executeQuery()) {
      return row.next() && row.getString(1) != null;
    }
  }

  private CliFailure explain(SQLException e) {
    String state = Failures.sqlState(e);
    String where = Failures.redact(jdbcUrl);
    if ("28P01".equals(state) || "28000".equals(state)) {
      return new CliFailure(
          Main.EXIT_NO_PERMISSION,
          "PostgreSQL at "
              + where
              + " rejected user '"
              + user
              + "': "
              + e.getMessage()
              + "; check --db-user and --db-password",
          e);
    }
    if ("3D000".equals(state)) {
      return new CliFailure(
          Main.EXIT_CONFIG,
          "PostgreSQL at " + where + " has no such database: " + e.getMessage(),
          e);
    }
    return Failures.unreachable("PostgreSQL", jdbcUrl, e);
  }
}
