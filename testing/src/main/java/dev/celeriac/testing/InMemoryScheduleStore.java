package dev.celeriac.testing;

import static java.util.Objects.requireNonNull;

import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.api.spi.ScheduleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ScheduleStore} in memory with the semantics of the PostgreSQL one, for tests without a
 * server; it passes the same {@code ScheduleStoreContractTest}. Every method is atomic (one lock)
 * and thread-safe.
 */
public final class InMemoryScheduleStore implements ScheduleStore {
  private record FireKey(String schedule, Instant fireTime) {}

  private final Map<String, Schedule> schedules = new TreeMap<>();
  private final Map<FireKey, ScheduleFire> fires = new LinkedHashMap<>();

  /** An empty store. */
  public InMemoryScheduleStore() {}

  @Override
  public synchronized void upsert(Schedule schedule) {
    requireNonNull(schedule, "schedule");
    Schedule old = schedules.get(schedule.name());
    if (old == null) {
      schedules.put(schedule.name(), schedule);
      return;
    }
    boolean sameTiming = old.cron().equals(schedule.cron()) && old.zone().equals(schedule.zone());
    schedules.put(
        schedule.name(),
        new Schedule(
            schedule.name(),
            schedule.task(),
            schedule.queue(),
            schedule.args(),
            schedule.priority(),
            schedule.cron(),
            schedule.zone(),
            schedule.misfirePolicy(),
            old.paused(),
            schedule.source(),
            sameTiming ? old.nextFireTime() : schedule.nextFireTime(),
            old.lastFireTime()));
  }

  @Override
  public synchronized Optional<Schedule> find(String name) {
    return Optional.ofNullable(schedules.get(requireNonNull(name, "name")));
  }

  @Override
  public synchronized List<Schedule> list() {
    return List.copyOf(schedules.values());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  @Override
  public synchronized List<Schedule> due(Instant now, int limit) {
    requireNonNull(now, "now");
    positive(limit, "limit");
    return schedules.values().stream()
        .filter(s -> !s.paused() && s.nextFireTime() != null && !s.nextFireTime().isAfter(now))
        .sorted(Comparator.comparing(Schedule::nextFireTime).thenComparing(Schedule::name))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean pause(String name) {
    return replace(name, s -> copy(s, true, s.nextFireTime(), s.lastFireTime()));
  }

  @Override
  public synchronized boolean resume(String name, @Nullable Instant nextFireTime) {
    return replace(name, s -> s.paused() ? copy(s, false, nextFireTime, s.lastFireTime()) : s);
  }

  @Override
  public synchronized boolean delete(String name) {
    return schedules.remove(requireNonNull(name, "name")) != null;
  }

  @Override
  public synchronized boolean advance(
      String name,
      Instant expectedNextFireTime,
      @Nullable Instant nextFireTime,
      @Nullable Instant lastFireTime) {
    requireNonNull(expectedNextFireTime, "expectedNextFireTime");
    Schedule s = schedules.get(requireNonNull(name, "name"));
    if (s == null || !expectedNextFireTime.equals(s.nextFireTime())) {
      return false;
    }
    schedules.put(
        name,
        copy(s, s.paused(), nextFireTime, lastFireTime != null ? lastFireTime : s.lastFireTime()));
    return true;
  }

  @Override
  public synchronized boolean claimFire(ScheduleFire fire) {
    requireNonNull(fire, "fire");
    return fires.putIfAbsent(new FireKey(fire.schedule(), fire.fireTime()), fire) == null;
  }

  @Override
  public synchronized void markPublished(String schedule, Instant fireTime, Instant at) {
    requireNonNull(at, "at");
    fires.computeIfPresent(
        new FireKey(requireNonNull(schedule, "schedule"), requireNonNull(fireTime, "fireTime")),
        (key, f) ->
            f.publishedAt() != null
                ? f
                : new ScheduleFire(f.schedule(), f.fireTime(), f.taskId(), f.claimedAt(), at));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  @Override
  public synchronized List<ScheduleFire> unpublishedFires(int limit) {
    positive(limit, "limit");
    return fires.values().stream()
        .filter(f -> f.publishedAt() == null)
        .sorted(
            Comparator.comparing(ScheduleFire::claimedAt)
                .thenComparing(ScheduleFire::schedule)
                .thenComparing(ScheduleFire::fireTime))
        .limit(limit)
        .toList();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  @Override
  public synchronized List<ScheduleFire> fires(String schedule, int limit) {
    requireNonNull(schedule, "schedule");
    positive(limit, "limit");
    List<ScheduleFire> result = new ArrayList<>();
    for (ScheduleFire f : fires.values()) {
      if (Objects.equals(f.schedule(), schedule)) {
        result.add(f);
      }
    }
    result.sort(Comparator.comparing(ScheduleFire::fireTime).reversed());
    return List.copyOf(result.subList(0, Math.min(limit, result.size())));
  }

  private boolean replace(String name, java.util.function.UnaryOperator<Schedule> change) {
    Schedule s = schedules.get(requireNonNull(name, "name"));
    if (s == null) {
      return false;
    }
    schedules.put(name, change.apply(s));
    return true;
  }

  private static Schedule copy(
      Schedule s, boolean paused, @Nullable Instant next, @Nullable Instant last) {
    return new Schedule(
        s.name(),
        s.task(),
        s.queue(),
        s.args(),
        s.priority(),
        s.cron(),
        s.zone(),
        s.misfirePolicy(),
        paused,
        s.source(),
        next,
        last);
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + value);
    }
  }
}
