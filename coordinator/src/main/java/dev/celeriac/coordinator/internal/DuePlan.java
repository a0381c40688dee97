package dev.celeriac.coordinator.internal;

import dev.celeriac.api.MisfirePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a due schedule fires now: the fire times from its next fire time up to now, after its
 * misfire policy (times later than the threshold are missed), and the next fire time after now.
 *
 * @param fireTimes the fire times to fire, oldest first
 * @param next the first fire time after now, or null if the cron never fires again
 * @param missed how many fire times were missed (found later than the threshold)
 * @param dropped how many missed times are not fired
 */
public record DuePlan(List<Instant> fireTimes, @Nullable Instant next, int missed, int dropped) {
  // A schedule that waited longer than this is enumerated from here on: a high-frequency cron
  // after a long outage would otherwise be walked time by time.
  private static final Duration LOOKBACK = Duration.ofDays(1);

  /** Copies the list. */
  public DuePlan {
    fireTimes = List.copyOf(fireTimes);
  }

  /**
   * The plan of a schedule due since {@code from} (its stored next fire time) at {@code now}.
   *
   * @param threshold fire times no older than this are on time and always fired
   * @param catchUpLimit the most missed times a {@link MisfirePolicy#CATCH_UP} schedule fires
   */
  public static DuePlan of(
      CronTimes cron,
      Instant from,
      Instant now,
      MisfirePolicy policy,
      Duration threshold,
      int catchUpLimit) {
    Instant cutoff = now.minus(threshold);
    List<Instant> onTime = new ArrayList<>();
    Deque<Instant> late = new ArrayDeque<>();
    int missed = 0;
    Instant start = from;
    if (from.isBefore(cutoff.minus(LOOKBACK))) {
      start = cron.next(cutoff.minus(LOOKBACK).minusSeconds(1));
      Instant skipped = cron.previous(start == null ? cutoff : start);
      if (skipped != null && !skipped.isBefore(from)) {
        late.add(skipped);
        missed++;
      }
    }
    for (Instant t = start; t != null && !t.isAfter(now); t = cron.next(t)) {
      if (t.isBefore(cutoff)) {
        late.addLast(t);
        missed++;
        if (late.size() > catchUpLimit) {
          late.removeFirst();
        }
      } else {
        onTime.add(t);
      }
    }
    List<Instant> fire = new ArrayList<>();
    switch (policy) {
      case CATCH_UP -> fire.addAll(late);
      case FIRE_ONCE -> {
        if (onTime.isEmpty() && !late.isEmpty()) {
          fire.add(late.getLast());
        }
      }
      case SKIP -> {}
    }
    fire.addAll(onTime);
    int firedLate = fire.size() - onTime.size();
    return new DuePlan(fire, cron.next(now), missed, missed - firedLate);
  }
}
