package dev.celeriac.store.postgres;

import static java.util.Objects.requireNonNull;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Celeriac's schema in PostgreSQL, owned by Flyway migrations ({@code db/celeriac/V*.sql} on the
 * class path). The history table is {@value #HISTORY_TABLE}, so Celeriac can share a database and
 * schema with an application that uses Flyway for its own tables.
 */
public final class PostgresSchema {
  /** The Flyway history table of Celeriac's migrations. */
  public static final String HISTORY_TABLE = "celeriac_schema_history";

  /** Where the migrations live on the class path. */
  public static final String LOCATION = "classpath:db/celeriac";

  private PostgresSchema() {}

  /**
   * Applies every pending migration to the database behind {@code dataSource}, in the connection's
   * default schema. Safe to call from several processes at once (Flyway locks the history table)
   * and on every start (applied migrations are skipped).
   *
   * @return how many migrations were applied by this call
   * @throws TaskStoreException if a migration fails or the database is unreachable
   */
  public static int migrate(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    try {
      return Flyway.configure()
          .dataSource(dataSource)
          .locations(LOCATION)
          .table(HISTORY_TABLE)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate()
          .migrationsExecuted;
    } catch (FlywayException e) {
      throw new TaskStoreException("migrating Celeriac's schema failed: " + e.getMessage(), e);
    }
  }
}
