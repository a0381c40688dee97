package dev.celeriac.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.StoreFactory;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.store.postgres.internal.PostgresUrl;

/**
 * The {@link StoreFactory} for PostgreSQL, found by {@link java.util.ServiceLoader} when this
 * module is on the class path. It serves libpq URLs ({@code
 * postgresql://user:password@host:5432/celeriac}, also {@code postgres://}, user and password
 * percent-encoded) and pgjdbc URLs ({@code
 * jdbc:postgresql://host:5432/celeriac?user=celeriac&password=secret}). A URL without a user logs
 * in as {@code postgres} with an empty password (trust authentication), as {@link
 * PostgresTaskStoreBuilder} does; every other setting is the builder's default.
 *
 * <p>{@link #open} applies Celeriac's pending schema migrations (safe from several processes at
 * once, see {@link PostgresSchema#migrate}) and starts the store, so what it returns is ready.
 * Thread-safe and stateless.
 */
public final class PostgresStoreFactory implements StoreFactory {

  /** A factory; {@link java.util.ServiceLoader} calls this. */
  public PostgresStoreFactory() {}

  /** True for {@code postgresql://}, {@code postgres://} and {@code jdbc:postgresql:} URLs. */
  @Override
  public boolean supports(String url) {
    return PostgresUrl.isPostgresUrl(requireNonNull(url, "url"));
  }

  /**
   * A migrated, started {@link PostgresTaskStore} on the database at {@code url}. Blocks while it
   * migrates, at most the connection pool's connection timeout (30 s) if the database cannot be
   * reached.
   *
   * @throws IllegalArgumentException if {@code url} is not a PostgreSQL URL or names no host
   * @throws TaskStoreException if the database cannot be reached or the migration fails
   */
  @Override
  public TaskStore open(String url) {
    PostgresUrl parsed = PostgresUrl.parse(requireNonNull(url, "url"));
    PostgresTaskStoreBuilder builder = PostgresTaskStore.builder().jdbcUrl(parsed.jdbcUrl());
    if (parsed.user() != null) {
      builder.user(parsed.user());
    }
    if (parsed.password() != null) {
      builder.password(parsed.password());
    }
    PostgresTaskStore store = builder.build();
    try {
      store.migrate();
      store.start();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }
}
