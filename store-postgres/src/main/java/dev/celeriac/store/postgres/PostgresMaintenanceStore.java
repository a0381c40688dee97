package dev.celeriac.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.MaintenanceStore;
import dev.celeriac.store.postgres.internal.Maintenance;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@link MaintenanceStore} on PostgreSQL. Expiry runs in one transaction per call, skips rows
 * locked by a concurrent writer, and sends {@code NOTIFY celeriac_finished} for the expired ids so
 * result waiters wake. Lost workers are marked with state {@code LOST} in {@code celeriac_workers};
 * the console joins them to their {@code STARTED} tasks.
 *
 * <p>No lifecycle of its own: it borrows connections from the given pool (typically {@link
 * PostgresTaskStore#dataSource()}). Thread-safe; every method throws a {@link TaskStoreException}
 * when the database cannot be reached.
 */
public final class PostgresMaintenanceStore implements MaintenanceStore {
  private final Maintenance maintenance;

  private PostgresMaintenanceStore(DataSource dataSource) {
    this.maintenance = new Maintenance(dataSource);
  }

  /** A store on the connections of {@code dataSource}, which must reach a migrated database. */
  public static PostgresMaintenanceStore on(DataSource dataSource) {
    return new PostgresMaintenanceStore(requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public List<TaskId> expireOverdue(Instant now, int maxRows) {
    return maintenance.expireOverdue(requireNonNull(now, "now"), maxRows);
  }

  @Override
  public List<TaskId> markLostWorkers(Instant heartbeatBefore, Instant at) {
    return maintenance.markLostWorkers(
        requireNonNull(heartbeatBefore, "heartbeatBefore"), requireNonNull(at, "at"));
  }
}
