package dev.celeriac.api.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Durable cron schedules and their fires (DESIGN.md, Coordinator). A fire is claimed under the
 * unique key {@code (schedule, fire time)} before its task is published, so of any number of
 * coordinators claiming one fire exactly one succeeds; a claim whose publish is not confirmed stays
 * listed by {@link #unpublishedFires} until a coordinator publishes it.
 *
 * <p>The store stores cron expressions and zones without interpreting them. Every method is
 * thread-safe and takes effect when it returns; implementations throw their own unchecked exception
 * when the storage cannot be reached.
 *
 * <p>Stability: may change between minor versions; every implementation runs {@code
 * ScheduleStoreContractTest} from the {@code celeriac-api} test-jar.
 */
public interface ScheduleStore {

  /**
   * Inserts {@code schedule}, or updates the stored schedule of that name. An update replaces the
   * definition (task, queue, arguments, priority, cron, zone, misfire policy, source) but keeps the
   * stored paused flag and last fire time; it keeps the stored next fire time too when the cron
   * expression and zone are unchanged, so declaring the same schedule again at every start loses no
   * fire, and takes the given one otherwise.
   */
  void upsert(Schedule schedule);

  /** The schedule named {@code name}, if there is one. */
  Optional<Schedule> find(String name);

  /** Every schedule, by name. */
  List<Schedule> list();

  /**
   * Up to {@code limit} schedules that are not paused and whose next fire time is at or before
   * {@code now}, earliest next fire time first.
   */
  List<Schedule> due(Instant now, int limit);

  /**
   * Pauses the schedule: it fires nothing until resumed.
   *
   * @return false if there is no schedule of that name
   */
  boolean pause(String name);

  /**
   * Resumes a paused schedule with {@code nextFireTime} as its next fire time (the times that
   * passed while paused are not fired). Resuming a running schedule changes nothing.
   *
   * @return false if there is no schedule of that name
   */
  boolean resume(String name, @Nullable Instant nextFireTime);

  /**
   * Deletes the schedule; its past fires are kept as history.
   *
   * @return false if there was no schedule of that name
   */
  boolean delete(String name);

  /**
   * Moves the schedule on after its due fire times were handled: sets its next fire time to {@code
   * nextFireTime} and, when {@code lastFireTime} is not null, its last fire time, but only if its
   * next fire time is still {@code expectedNextFireTime}, so an edit or another coordinator's
   * progress in the meantime is not overwritten.
   *
   * @return whether the schedule was moved on
   */
  boolean advance(
      String name,
      Instant expectedNextFireTime,
      @Nullable Instant nextFireTime,
      @Nullable Instant lastFireTime);

  /**
   * Claims one fire, unpublished.
   *
   * @return true for the first claim of {@code (fire.schedule(), fire.fireTime())}; false if it was
   *     claimed before, by anyone
   */
  boolean claimFire(ScheduleFire fire);

  /** Records that the task of the fire {@code (schedule, fireTime)} was published at {@code at}. */
  void markPublished(String schedule, Instant fireTime, Instant at);

  /** Up to {@code limit} claimed fires not marked published, oldest claim first. */
  List<ScheduleFire> unpublishedFires(int limit);

  /** Up to {@code limit} fires of {@code schedule}, latest fire time first. */
  List<ScheduleFire> fires(String schedule, int limit);
}
