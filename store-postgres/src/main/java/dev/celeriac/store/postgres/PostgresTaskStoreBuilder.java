package dev.celeriac.store.postgres;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.InstantSource;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link PostgresTaskStore}. Not thread-safe; use from one thread, then {@link
 * #build()}.
 */
public final class PostgresTaskStoreBuilder {
  private @Nullable String jdbcUrl;
  private String user = "postgres";
  private String password = "";
  private int poolSize = 10;
  private @Nullable DataSource dataSource;
  private int maxBatchSize = 500;
  private Duration resultPollInterval = Duration.ofSeconds(2);
  private InstantSource clock = InstantSource.system();

  PostgresTaskStoreBuilder() {}

  /** The database, e.g. {@code jdbc:postgresql://db:5432/celeriac}; the store pools it. */
  public PostgresTaskStoreBuilder jdbcUrl(String jdbcUrl) {
    requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "jdbcUrl must start with jdbc:postgresql:, was " + jdbcUrl);
    }
    this.jdbcUrl = jdbcUrl;
    return this;
  }

  /** The database user; defaults to {@code postgres}. */
  public PostgresTaskStoreBuilder user(String user) {
    this.user = requireNonNull(user, "user");
    return this;
  }

  /** The password; defaults to empty (trust authentication). */
  public PostgresTaskStoreBuilder password(String password) {
    this.password = requireNonNull(password, "password");
    return this;
  }

  /**
   * The most pooled connections (with {@link #jdbcUrl}); defaults to 10. The writer holds one while
   * it commits; the result listener has its own connection outside the pool.
   */
  public PostgresTaskStoreBuilder poolSize(int poolSize) {
    if (poolSize < 2) {
      throw new IllegalArgumentException("poolSize must be >= 2, was " + poolSize);
    }
    this.poolSize = poolSize;
    return this;
  }

  /**
   * An existing pool to use instead of {@link #jdbcUrl}; the store does not close it. The result
   * listener keeps one of its connections for as long as the store runs.
   */
  public PostgresTaskStoreBuilder dataSource(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource");
    return this;
  }

  /** The most writes in one transaction; defaults to 500. */
  public PostgresTaskStoreBuilder maxBatchSize(int maxBatchSize) {
    if (maxBatchSize < 1 || maxBatchSize > 10_000) {
      throw new IllegalArgumentException("maxBatchSize must be 1..10000, was " + maxBatchSize);
    }
    this.maxBatchSize = maxBatchSize;
    return this;
  }

  /**
   * How often waiters are re-checked by polling, in case a notification was missed; defaults to 2
   * s. Notifications normally wake waiters at once.
   */
  public PostgresTaskStoreBuilder resultPollInterval(Duration interval) {
    requireNonNull(interval, "interval");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("resultPollInterval must be >= 1 ms, was " + interval);
    }
    this.resultPollInterval = interval;
    return this;
  }

  /**
   * The clock for the due time of messages scheduled without an eta; defaults to the system clock.
   */
  public PostgresTaskStoreBuilder clock(InstantSource clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * The store, not yet started.
   *
   * @throws IllegalStateException unless exactly one of {@code jdbcUrl} and {@code dataSource} was
   *     set
   */
  public PostgresTaskStore build() {
    if ((jdbcUrl == null) == (dataSource == null)) {
      throw new IllegalStateException("set exactly one of jdbcUrl and dataSource");
    }
    if (dataSource != null) {
      DataSource given = dataSource;
      return new PostgresTaskStore(
          given, null, given::getConnection, maxBatchSize, resultPollInterval, clock);
    }
    String url = jdbcUrl;
    String login = user;
    String secret = password;
    HikariDataSource pool = pool(url, login, secret, poolSize);
    return new PostgresTaskStore(
        pool,
        pool,
        () -> DriverManager.getConnection(url, login, secret),
        maxBatchSize,
        resultPollInterval,
        clock);
  }

  private static HikariDataSource pool(String url, String user, String password, int size) {
    var config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setPoolName("celeriac-store");
    // Connect lazily: building a store never fails because the database is briefly away.
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }
}
