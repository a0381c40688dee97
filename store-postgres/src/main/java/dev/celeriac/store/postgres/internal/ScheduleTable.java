package dev.celeriac.store.postgres.internal;

import dev.celeriac.api.MisfirePolicy;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.api.spi.ScheduleSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** The statements on {@code celeriac_schedules} and {@code celeriac_schedule_fires}. */
public final class ScheduleTable {
  private static final String COLUMNS =
      "name, task, queue, args::text AS args, priority, cron, time_zone, misfire_policy, paused,"
          + " source, next_fire_time, last_fire_time";

  // Same timing (cron and zone) keeps the progress: declaring a schedule again loses no fire.
  private static final String UPSERT =
      """
      INSERT INTO celeriac_schedules AS s (name, task, queue, args, priority, cron, time_zone,
                                           misfire_policy, paused, source, next_fire_time)
      VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET
        task = EXCLUDED.task, queue = EXCLUDED.queue, args = EXCLUDED.args,
        priority = EXCLUDED.priority, misfire_policy = EXCLUDED.misfire_policy,
        source = EXCLUDED.source, cron = EXCLUDED.cron, time_zone = EXCLUDED.time_zone,
        next_fire_time = CASE WHEN s.cron = EXCLUDED.cron AND s.time_zone = EXCLUDED.time_zone
                              THEN s.next_fire_time ELSE EXCLUDED.next_fire_time END,
        updated_at = now()
      """;

  private static final String CLAIM =
      """
      INSERT INTO celeriac_schedule_fires (schedule_name, fire_time, task_id, fired_at)
      VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
      """;

  private static final String FIRE_COLUMNS =
      "schedule_name, fire_time, task_id, fired_at, published_at";

  private final DataSource dataSource;

  /** The schedule tables behind {@code dataSource}. */
  public ScheduleTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** See {@code ScheduleStore.upsert}. */
  public void upsert(Schedule s) {
    update(
        "upserting schedule " + s.name(),
        UPSERT,
        s.name(),
        s.task(),
        s.queue(),
        JsonText.write(s.args()),
        s.priority(),
        s.cron(),
        s.zone().getId(),
        s.misfirePolicy().name(),
        s.paused(),
        s.source().name(),
        timestamp(s.nextFireTime()));
  }

  /** The schedule of that name. */
  public Optional<Schedule> find(String name) {
    return schedules("reading schedule " + name, "WHERE name = ?", name).stream().findFirst();
  }

  /** Every schedule by name. */
  public List<Schedule> list() {
    return schedules("listing schedules", "ORDER BY name");
  }

  /** Running schedules due at {@code now}. */
  public List<Schedule> due(Instant now, int limit) {
    positive(limit, "limit");
    return schedules(
        "reading due schedules",
        "WHERE NOT paused AND next_fire_time <= ? ORDER BY next_fire_time, name LIMIT ?",
        Sql.timestamp(now),
        limit);
  }

  /** Sets the paused flag; false when there is no such schedule. */
  public boolean pause(String name) {
    return update(
            "pausing schedule " + name,
            "UPDATE celeriac_schedules SET paused = true, updated_at = now() WHERE name = ?",
            name)
        > 0;
  }

  /** Clears the paused flag and sets the next fire time, if it was paused. */
  public boolean resume(String name, @Nullable Instant next) {
    update(
        "resuming schedule " + name,
        "UPDATE celeriac_schedules SET paused = false, next_fire_time = ?, updated_at = now()"
            + " WHERE name = ? AND paused",
        timestamp(next),
        name);
    return find(name).isPresent();
  }

  /** Deletes the schedule; false when there was none. */
  public boolean delete(String name) {
    return update(
            "deleting schedule " + name, "DELETE FROM celeriac_schedules WHERE name = ?", name)
        > 0;
  }

  /** The conditional move to the next fire time. */
  public boolean advance(
      String name, Instant expected, @Nullable Instant next, @Nullable Instant last) {
    return update(
            "advancing schedule " + name,
            "UPDATE celeriac_schedules SET next_fire_time = ?,"
                + " last_fire_time = COALESCE(?, last_fire_time), updated_at = now()"
                + " WHERE name = ? AND next_fire_time = ?",
            timestamp(next),
            timestamp(last),
            name,
            Sql.timestamp(expected))
        > 0;
  }

  /** Inserts the fire unless its key exists; true when inserted. */
  public boolean claimFire(ScheduleFire fire) {
    return update(
            "claiming fire " + fire.schedule() + "@" + fire.fireTime(),
            CLAIM,
            fire.schedule(),
            Sql.timestamp(fire.fireTime()),
            fire.taskId().value(),
            Sql.timestamp(fire.claimedAt()))
        > 0;
  }

  /** Sets the fire's published time. */
  public void markPublished(String schedule, Instant fireTime, Instant at) {
    update(
        "marking fire " + schedule + "@" + fireTime + " published",
        "UPDATE celeriac_schedule_fires SET published_at = ?"
            + " WHERE schedule_name = ? AND fire_time = ? AND published_at IS NULL",
        Sql.timestamp(at),
        schedule,
        Sql.timestamp(fireTime));
  }

  /** Claimed fires not yet published, oldest claim first. */
  public List<ScheduleFire> unpublishedFires(int limit) {
    positive(limit, "limit");
    return fires(
        "reading unpublished fires",
        "WHERE published_at IS NULL ORDER BY fired_at, schedule_name, fire_time LIMIT ?",
        limit);
  }

  /** The schedule's fires, latest first. */
  public List<ScheduleFire> fires(String schedule, int limit) {
    positive(limit, "limit");
    return fires(
        "reading fires of " + schedule,
        "WHERE schedule_name = ? ORDER BY fire_time DESC LIMIT ?",
        schedule,
        limit);
  }

  private List<Schedule> schedules(String what, String where, Object... parameters) {
    return query(
        what,
        "SELECT " + COLUMNS + " FROM celeriac_schedules " + where,
        ScheduleTable::schedule,
        parameters);
  }

  private List<ScheduleFire> fires(String what, String where, Object... parameters) {
    return query(
        what,
        "SELECT " + FIRE_COLUMNS + " FROM celeriac_schedule_fires " + where,
        ScheduleTable::fire,
        parameters);
  }

  private interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  private <T> List<T> query(String what, String sql, RowReader<T> reader, Object... parameters) {
    return Jdbc.withConnection(
        dataSource,
        what,
        c -> {
          try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
              List<T> result = new ArrayList<>();
              while (rows.next()) {
                result.add(reader.read(rows));
              }
              return result;
            }
          }
        });
  }

  private int update(String what, String sql, @Nullable Object... parameters) {
    return Jdbc.withConnection(
        dataSource,
        what,
        c -> {
          try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
          }
        });
  }

  private static void bind(PreparedStatement statement, @Nullable Object... parameters)
      throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
  }

  private static Schedule schedule(ResultSet row) throws SQLException {
    return new Schedule(
        row.getString("name"),
        row.getString("task"),
        row.getString("queue"),
        JsonText.readArray(row.getString("args")),
        row.getInt("priority"),
        row.getString("cron"),
        ZoneId.of(row.getString("time_zone")),
        MisfirePolicy.valueOf(row.getString("misfire_policy")),
        row.getBoolean("paused"),
        ScheduleSource.valueOf(row.getString("source")),
        Sql.instant(row, "next_fire_time"),
        Sql.instant(row, "last_fire_time"));
  }

  private static ScheduleFire fire(ResultSet row) throws SQLException {
    return new ScheduleFire(
        row.getString("schedule_name"),
        Sql.instant(row, "fire_time"),
        new TaskId(row.getObject("task_id", UUID.class)),
        Sql.instant(row, "fired_at"),
        Sql.instant(row, "published_at"));
  }

  private static @Nullable Object timestamp(@Nullable Instant instant) {
    return instant == null ? null : Sql.timestamp(instant);
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }
}
