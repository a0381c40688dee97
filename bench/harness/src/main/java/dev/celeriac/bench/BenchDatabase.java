package dev.celeriac.bench;

import dev.celeriac.store.postgres.PostgresTaskStore;
import dev.celeriac.store.postgres.PostgresTaskStoreBuilder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The run's own PostgreSQL database, created fresh ({@code celeriac_bench_<random>}) from the
 * server of {@code --postgres}, migrated, and dropped again on {@link #close()}; so a run never
 * sees another's rows, also when two run at once.
 */
final class BenchDatabase implements AutoCloseable {
  private final String adminUrl;
  private final String user;
  private final String password;
  private final String name;
  private final String jdbcUrl;

  private BenchDatabase(String adminUrl, String user, String password, String name) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.name = name;
    this.jdbcUrl = withDatabase(adminUrl, name);
  }

  /** Creates a fresh database on the server of {@code adminUrl} and migrates Celeriac's schema. */
  static BenchDatabase create(String adminUrl, String user, String password) throws SQLException {
    String name = "celeriac_bench_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    BenchDatabase database = new BenchDatabase(adminUrl, user, password, name);
    try (PostgresTaskStore store = database.storeBuilder().build()) {
      store.migrate();
    }
    return database;
  }

  /** {@code url} with its database path replaced by {@code database}, keeping its parameters. */
  static String withDatabase(String url, String database) {
    int hostStart = "jdbc:postgresql://".length();
    int slash = url.indexOf('/', hostStart);
    int query = url.indexOf('?', hostStart);
    String hostPart = url.substring(0, slash >= 0 ? slash : query >= 0 ? query : url.length());
    String parameters = query >= 0 ? url.substring(query) : "";
    return hostPart + "/" + database + parameters;
  }

  String name() {
    return name;
  }

  /** A started store on this database; the caller closes it. */
  PostgresTaskStore startedStore() {
    PostgresTaskStore store = storeBuilder().build();
    store.start();
    return store;
  }

  private PostgresTaskStoreBuilder storeBuilder() {
    return PostgresTaskStore.builder().jdbcUrl(jdbcUrl).user(user).password(password);
  }

  /** The URL a worker process is given with {@code --db}: the JDBC URL with user and password. */
  String processUrl() {
    return jdbcUrl
        + (jdbcUrl.contains("?") ? "&" : "?")
        + "user="
        + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
  }

  /** A libpq/SQLAlchemy URL of this database, for the Celery side. */
  String sqlAlchemyUrl() {
    String hostPort = jdbcUrl.substring("jdbc:postgresql://".length(), jdbcUrl.indexOf('/', 18));
    String credentials =
        URLEncoder.encode(user, StandardCharsets.UTF_8)
            + (password.isEmpty() ? "" : ":" + URLEncoder.encode(password, StandardCharsets.UTF_8));
    return "postgresql://" + credentials + "@" + hostPort + "/" + name;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  /** {@code select version()}. */
  String serverVersion() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version()")) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** The single number {@code sql} selects, with {@code parameters} bound in order. */
  long count(String sql, Object... parameters) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** The numbers {@code sql} selects in its first column, with {@code parameter} bound. */
  List<Double> numbers(String sql, Object parameter) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, parameter);
      List<Double> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getDouble(1));
        }
      }
      return values;
    }
  }

  @Override
  public void close() throws SQLException {
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
