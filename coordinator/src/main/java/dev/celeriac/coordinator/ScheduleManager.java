package dev.celeriac.coordinator;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.TaskDefinition;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.api.spi.ScheduleSource;
import dev.celeriac.api.spi.ScheduleStore;
import dev.celeriac.api.spi.TaskStore;
import dev.celeriac.coordinator.internal.CronTimes;
import dev.celeriac.coordinator.internal.FirePublisher;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The schedule API the web console calls: create or edit, pause, resume, run now, delete, and read
 * schedules and their fires. Works in any process that reaches the stores and the broker; a running
 * {@link Coordinator}'s {@link Coordinator#schedules()} also wakes its leader at once.
 *
 * <p>Every schedule is validated before it is stored: its name, its task (one of the known tasks),
 * its cron expression (see {@link ScheduleSpec}), its zone, its priority and queue. A rejected one
 * raises an {@link InvalidScheduleException} naming the field. Thread-safe.
 */
public final class ScheduleManager {
  private static final int MAX_NAME_LENGTH = 200;

  private final ScheduleStore store;
  private final TaskCatalog catalog;
  private final FirePublisher publisher;
  private final InstantSource clock;
  private final Runnable onChange;

  ScheduleManager(
      ScheduleStore store,
      TaskCatalog catalog,
      FirePublisher publisher,
      InstantSource clock,
      Runnable onChange) {
    this.store = store;
    this.catalog = catalog;
    this.publisher = publisher;
    this.clock = clock;
    this.onChange = onChange;
  }

  /**
   * A manager outside a coordinator, e.g. in the web console. Run-now publishes through {@code
   * broker} (confirmation awaited for up to 10 s) and records the task in {@code tasks}.
   */
  public static ScheduleManager create(
      ScheduleStore store,
      TaskStore tasks,
      Broker broker,
      TaskCatalog catalog,
      InstantSource clock) {
    requireNonNull(catalog, "catalog");
    var publisher =
        new FirePublisher(
            requireNonNull(store, "store"),
            requireNonNull(tasks, "tasks"),
            requireNonNull(broker, "broker"),
            catalog::find,
            requireNonNull(clock, "clock"),
            Duration.ofSeconds(10));
    return new ScheduleManager(store, catalog, publisher, clock, () -> {});
  }

  /**
   * Creates the schedule, or replaces the definition of the schedule of that name. A schedule whose
   * cron and zone are unchanged keeps its next fire time and paused state.
   *
   * @return the stored schedule
   * @throws InvalidScheduleException naming the field at fault
   */
  public Schedule save(ScheduleSpec spec) {
    return store(spec, ScheduleSource.API);
  }

  Schedule store(ScheduleSpec spec, ScheduleSource source) {
    Schedule schedule = validate(requireNonNull(spec, "spec"), source);
    store.upsert(schedule);
    onChange.run();
    return store.find(schedule.name()).orElse(schedule);
  }

  /**
   * Pauses the schedule; nothing fires until it is resumed.
   *
   * @throws ScheduleNotFoundException if there is no such schedule
   */
  public void pause(String name) {
    if (!store.pause(requireNonNull(name, "name"))) {
      throw new ScheduleNotFoundException(name);
    }
    onChange.run();
  }

  /**
   * Resumes the schedule from now: fire times that passed while it was paused are not fired.
   *
   * @throws ScheduleNotFoundException if there is no such schedule
   */
  public void resume(String name) {
    Schedule schedule = require(name);
    if (!store.resume(name, cron(schedule).next(clock.instant()))) {
      throw new ScheduleNotFoundException(name);
    }
    onChange.run();
  }

  /**
   * Fires the schedule once now, whatever its cron, paused or not. The fire is claimed like any
   * other (its fire time is now, to the millisecond), so it is recorded in the fires.
   *
   * @return the id of the submitted task
   * @throws ScheduleNotFoundException if there is no such schedule
   * @throws IllegalStateException if a fire of this schedule at this very millisecond exists
   * @throws dev.celeriac.api.CeleriacException if publishing fails; the claimed fire is then
   *     published by the leader later
   */
  public TaskId runNow(String name) {
    Schedule schedule = require(name);
    ScheduleFire fire = publisher.newFire(name, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    if (!store.claimFire(fire)) {
      throw new IllegalStateException(
          "schedule '" + name + "' already has a fire at " + fire.fireTime() + "; try again");
    }
    publisher.publish(schedule, fire);
    return fire.taskId();
  }

  /**
   * Deletes the schedule; its past fires stay as history.
   *
   * @throws ScheduleNotFoundException if there is no such schedule
   */
  public void delete(String name) {
    if (!store.delete(requireNonNull(name, "name"))) {
      throw new ScheduleNotFoundException(name);
    }
    onChange.run();
  }

  /** The schedule named {@code name}, if there is one. */
  public Optional<Schedule> find(String name) {
    return store.find(requireNonNull(name, "name"));
  }

  /** Every schedule, by name. */
  public List<Schedule> list() {
    return store.list();
  }

  /**
   * Up to {@code limit} fires of the schedule, latest first.
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  public List<ScheduleFire> fires(String name, int limit) {
    return store.fires(requireNonNull(name, "name"), limit);
  }

  private Schedule require(String name) {
    return store
        .find(requireNonNull(name, "name"))
        .orElseThrow(() -> new ScheduleNotFoundException(name));
  }

  private static CronTimes cron(Schedule schedule) {
    return CronTimes.parse(schedule.cron(), schedule.zone());
  }

  private Schedule validate(ScheduleSpec spec, ScheduleSource source) {
    String name = spec.name();
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH || !name.strip().equals(name)) {
      throw new InvalidScheduleException(
          name, "name", "must be 1.." + MAX_NAME_LENGTH + " characters without surrounding blanks");
    }
    TaskDefinition task =
        catalog
            .find(spec.task())
            .orElseThrow(
                () ->
                    new InvalidScheduleException(
                        name,
                        "task",
                        "unknown task '" + spec.task() + "'; known tasks: " + catalog.names()));
    ZoneId zone = zone(spec);
    CronTimes cron;
    try {
      cron = CronTimes.parse(spec.cron(), zone);
    } catch (IllegalArgumentException e) {
      throw new InvalidScheduleException(
          name,
          "cron",
          "invalid expression '"
              + spec.cron()
              + "' (six fields, seconds first: second minute hour day-of-month month"
              + " day-of-week): "
              + e.getMessage());
    }
    int priority = spec.priority() != null ? spec.priority() : task.priority();
    if (priority < 0 || priority > 9) {
      throw new InvalidScheduleException(name, "priority", "must be 0..9, was " + priority);
    }
    if (spec.queue() != null && spec.queue().isBlank()) {
      throw new InvalidScheduleException(name, "queue", "must not be blank");
    }
    Instant next = cron.next(clock.instant());
    if (next == null) {
      // A well-formed expression whose fields never meet (the 31st of February) would be saved as
      // a schedule that silently never fires.
      throw new InvalidScheduleException(
          name, "cron", "expression '" + spec.cron() + "' matches no date: it would never fire");
    }
    return new Schedule(
        name,
        task.name(),
        spec.queue(),
        spec.args(),
        priority,
        spec.cron(),
        zone,
        spec.misfirePolicy(),
        false,
        source,
        next,
        null);
  }

  private static ZoneId zone(ScheduleSpec spec) {
    try {
      return ZoneId.of(spec.zone());
    } catch (DateTimeException e) {
      throw new InvalidScheduleException(
          spec.name(), "zone", "unknown time zone '" + spec.zone() + "': " + e.getMessage());
    }
  }
}
