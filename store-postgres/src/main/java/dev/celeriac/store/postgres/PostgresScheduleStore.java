package dev.celeriac.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.api.spi.ScheduleStore;
import dev.celeriac.store.postgres.internal.ScheduleTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ScheduleStore} on PostgreSQL: tables {@code celeriac_schedules} and {@code
 * celeriac_schedule_fires}, whose primary key {@code (schedule_name, fire_time)} makes a fire's
 * claim unique across every coordinator sharing the database.
 *
 * <p>It has no lifecycle of its own: it borrows connections from the given pool for each call
 * (typically {@link PostgresTaskStore#dataSource()}), and the pool's owner closes it. The schema
 * comes from {@link PostgresSchema#migrate}. Instants keep microsecond precision. Thread-safe;
 * every method throws a {@link TaskStoreException} when the database cannot be reached.
 */
public final class PostgresScheduleStore implements ScheduleStore {
  private final ScheduleTable table;

  private PostgresScheduleStore(DataSource dataSource) {
    this.table = new ScheduleTable(dataSource);
  }

  /** A store on the connections of {@code dataSource}, which must reach a migrated database. */
  public static PostgresScheduleStore on(DataSource dataSource) {
    return new PostgresScheduleStore(requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public void upsert(Schedule schedule) {
    table.upsert(requireNonNull(schedule, "schedule"));
  }

  @Override
  public Optional<Schedule> find(String name) {
    return table.find(requireNonNull(name, "name"));
  }

  @Override
  public List<Schedule> list() {
    return table.list();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  @Override
  public List<Schedule> due(Instant now, int limit) {
    return table.due(requireNonNull(now, "now"), limit);
  }

  @Override
  public boolean pause(String name) {
    return table.pause(requireNonNull(name, "name"));
  }

  @Override
  public boolean resume(String name, @Nullable Instant nextFireTime) {
    return table.resume(requireNonNull(name, "name"), nextFireTime);
  }

  @Override
  public boolean delete(String name) {
    return table.delete(requireNonNull(name, "name"));
  }

  @Override
  public boolean advance(
      String name,
      Instant expectedNextFireTime,
      @Nullable Instant nextFireTime,
      @Nullable Instant lastFireTime) {
    requireNonNull(name, "name");
    requireNonNull(expectedNextFireTime, "expectedNextFireTime");
    return table.advance(name, expectedNextFireTime, nextFireTime, lastFireTime);
  }

  @Override
  public boolean claimFire(ScheduleFire fire) {
    return table.claimFire(requireNonNull(fire, "fire"));
  }

  @Override
  public void markPublished(String schedule, Instant fireTime, Instant at) {
    table.markPublished(
        requireNonNull(schedule, "schedule"),
        requireNonNull(fireTime, "fireTime"),
        requireNonNull(at, "at"));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  @Override
  public List<ScheduleFire> unpublishedFires(int limit) {
    return table.unpublishedFires(limit);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  @Override
  public List<ScheduleFire> fires(String schedule, int limit) {
    return table.fires(requireNonNull(schedule, "schedule"), limit);
  }
}
