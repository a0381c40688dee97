package dev.celeriac.coordinator.internal;

import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.api.spi.ScheduleStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's cron step: first publishes fires that an earlier leader claimed but did not publish,
 * then, for every due schedule, claims each fire time of its {@link DuePlan} and publishes the
 * fires it won, and moves the schedule on. Claims make this exactly once across leaders: a fire
 * claimed by anyone before is never published again by this step's claim path.
 */
public final class CronScheduler {
  private static final Logger log = LoggerFactory.getLogger(CronScheduler.class);
  private static final int SCHEDULES_PER_STEP = 100;
  private static final int RECOVERIES_PER_STEP = 100;

  /**
   * How missed fire times are judged.
   *
   * @param misfireThreshold fire times found no later than this are on time
   * @param catchUpLimit the most missed times a catch-up schedule fires at once
   */
  public record Timing(Duration misfireThreshold, int catchUpLimit) {}

  private final ScheduleStore schedules;
  private final FirePublisher publisher;
  private final InstantSource clock;
  private final Timing timing;

  /** A scheduler over {@code schedules} publishing through {@code publisher}. */
  public CronScheduler(
      ScheduleStore schedules, FirePublisher publisher, InstantSource clock, Timing timing) {
    this.schedules = schedules;
    this.publisher = publisher;
    this.clock = clock;
    this.timing = timing;
  }

  /**
   * One step while {@code leading} holds: recover unpublished fires, then fire what is due.
   *
   * @return how many fires this step published
   */
  public int step(BooleanSupplier leading) {
    int published = publishUnpublished(leading);
    Instant now = clock.instant();
    for (Schedule schedule : schedules.due(now, SCHEDULES_PER_STEP)) {
      if (!leading.getAsBoolean()) {
        break;
      }
      published += fireDue(schedule, now, leading);
    }
    return published;
  }

  private int publishUnpublished(BooleanSupplier leading) {
    int published = 0;
    for (ScheduleFire fire : schedules.unpublishedFires(RECOVERIES_PER_STEP)) {
      if (!leading.getAsBoolean()) {
        break;
      }
      Optional<Schedule> schedule = schedules.find(fire.schedule());
      if (schedule.isEmpty()) {
        log.debug("fire {}@{} has no schedule any more", fire.schedule(), fire.fireTime());
        continue;
      }
      if (tryPublish(schedule.get(), fire)) {
        log.info("published fire {}@{} left unpublished", fire.schedule(), fire.fireTime());
        published++;
      }
    }
    return published;
  }

  private int fireDue(Schedule schedule, Instant now, BooleanSupplier leading) {
    Instant from = schedule.nextFireTime();
    if (from == null) {
      return 0;
    }
    DuePlan plan;
    try {
      CronTimes cron = CronTimes.parse(schedule.cron(), schedule.zone());
      plan =
          DuePlan.of(
              cron,
              from,
              now,
              schedule.misfirePolicy(),
              timing.misfireThreshold(),
              timing.catchUpLimit());
    } catch (IllegalArgumentException e) {
      log.error(
          "schedule {} has an invalid cron '{}'; pausing it", schedule.name(), schedule.cron(), e);
      schedules.pause(schedule.name());
      return 0;
    }
    if (plan.dropped() > 0) {
      log.warn(
          "schedule {} missed {} fire times; {} of them are not fired ({})",
          schedule.name(),
          plan.missed(),
          plan.dropped(),
          schedule.misfirePolicy());
    }
    int published = 0;
    @Nullable Instant last = null;
    for (Instant fireTime : plan.fireTimes()) {
      if (!leading.getAsBoolean()) {
        return published; // not advanced: the next leader recomputes, and claims stay unique
      }
      ScheduleFire fire = publisher.newFire(schedule.name(), fireTime);
      if (schedules.claimFire(fire) && tryPublish(schedule, fire)) {
        published++;
      }
      last = fireTime;
    }
    schedules.advance(schedule.name(), from, plan.next(), last);
    return published;
  }

  private boolean tryPublish(Schedule schedule, ScheduleFire fire) {
    try {
      publisher.publish(schedule, fire);
      return true;
    } catch (FirePublishException e) {
      log.warn("{}; it is retried on the next step", e.getMessage(), e.getCause());
      return false;
    }
  }
}
