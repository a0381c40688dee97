package dev.celeriac.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.celeriac.api.MisfirePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which fire times a due schedule fires, by misfire policy and across DST changes (#5). */
class DuePlanTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Duration THRESHOLD = Duration.ofSeconds(30);
  private static final CronTimes EVERY_MINUTE = CronTimes.parse("0 * * * * *", UTC);

  private static Instant at(String time) {
    return Instant.parse("2030-01-01T" + time + "Z");
  }

  private static DuePlan plan(MisfirePolicy policy, Instant from, Instant now, int catchUpLimit) {
    return DuePlan.of(EVERY_MINUTE, from, now, policy, THRESHOLD, catchUpLimit);
  }

  @Test
  void onTimeFireTimesFireWhateverThePolicy() {
    for (MisfirePolicy policy : MisfirePolicy.values()) {
      DuePlan plan = plan(policy, at("00:01:00"), at("00:01:20"), 100);

      assertThat(plan.fireTimes()).containsExactly(at("00:01:00"));
      assertThat(plan.next()).isEqualTo(at("00:02:00"));
      assertThat(plan.missed()).isZero();
    }
  }

  @Test
  void fireOnceFiresTheLatestOfTheMissedTimes() {
    DuePlan plan = plan(MisfirePolicy.FIRE_ONCE, at("00:01:00"), at("00:10:45"), 100);

    assertThat(plan.fireTimes()).containsExactly(at("00:10:00"));
    assertThat(plan.missed()).isEqualTo(10);
    assertThat(plan.dropped()).isEqualTo(9);
  }

  @Test
  void fireOnceLetsAnOnTimeFireStandForTheMissedOnes() {
    DuePlan plan = plan(MisfirePolicy.FIRE_ONCE, at("00:01:00"), at("00:10:10"), 100);

    assertThat(plan.fireTimes()).containsExactly(at("00:10:00"));
  }

  @Test
  void skipFiresNoneOfTheMissedTimes() {
    DuePlan plan = plan(MisfirePolicy.SKIP, at("00:01:00"), at("00:10:45"), 100);

    assertThat(plan.fireTimes()).isEmpty();
    assertThat(plan.next()).isEqualTo(at("00:11:00"));
    assertThat(plan.dropped()).isEqualTo(10);
  }

  @Test
  void catchUpFiresEveryMissedTimeUpToTheLimitNewestFirstKept() {
    DuePlan all = plan(MisfirePolicy.CATCH_UP, at("00:01:00"), at("00:10:45"), 100);
    DuePlan bounded = plan(MisfirePolicy.CATCH_UP, at("00:01:00"), at("00:10:45"), 3);

    assertThat(all.fireTimes()).hasSize(10).startsWith(at("00:01:00")).endsWith(at("00:10:00"));
    assertThat(all.dropped()).isZero();
    assertThat(bounded.fireTimes()).containsExactly(at("00:08:00"), at("00:09:00"), at("00:10:00"));
    assertThat(bounded.dropped()).isEqualTo(7);
  }

  @Test
  void aGapOfDaysIsNotWalkedTimeByTimeButStillFiresOnce() {
    CronTimes everySecond = CronTimes.parse("* * * * * *", UTC);

    DuePlan plan =
        DuePlan.of(
            everySecond,
            at("00:00:00"),
            Instant.parse("2030-01-09T00:00:00Z"),
            MisfirePolicy.FIRE_ONCE,
            Duration.ZERO,
            100);

    assertThat(plan.fireTimes()).containsExactly(Instant.parse("2030-01-09T00:00:00Z"));
  }

  @Test
  void aMonthlyScheduleMissedLongAgoStillFiresOnce() {
    CronTimes monthly = CronTimes.parse("0 0 0 1 * *", UTC);

    DuePlan plan =
        DuePlan.of(
            monthly,
            Instant.parse("2030-02-01T00:00:00Z"),
            Instant.parse("2030-02-20T00:00:00Z"),
            MisfirePolicy.FIRE_ONCE,
            THRESHOLD,
            100);

    assertThat(plan.fireTimes()).containsExactly(Instant.parse("2030-02-01T00:00:00Z"));
    assertThat(plan.next()).isEqualTo(Instant.parse("2030-03-01T00:00:00Z"));
  }

  @Test
  void berlinAtHalfPastTwoSkipsTheSpringForwardDayAndFiresOnceOnTheFallBackDay() {
    CronTimes cron = CronTimes.parse("0 30 2 * * *", BERLIN);

    assertThat(walk(cron, Instant.parse("2030-03-29T00:00:00Z"), 4))
        .containsExactly(
            Instant.parse("2030-03-29T01:30:00Z"),
            Instant.parse("2030-03-30T01:30:00Z"),
            Instant.parse("2030-04-01T00:30:00Z"),
            Instant.parse("2030-04-02T00:30:00Z"));
    assertThat(walk(cron, Instant.parse("2030-10-25T00:00:00Z"), 5))
        .containsExactly(
            Instant.parse("2030-10-25T00:30:00Z"),
            Instant.parse("2030-10-26T00:30:00Z"),
            Instant.parse("2030-10-27T00:30:00Z"),
            Instant.parse("2030-10-28T01:30:00Z"),
            Instant.parse("2030-10-29T01:30:00Z"));
  }

  private static List<Instant> walk(CronTimes cron, Instant from, int count) {
    List<Instant> times = new ArrayList<>();
    Instant t = from;
    for (int i = 0; i < count; i++) {
      t = cron.next(t);
      times.add(t);
    }
    return times;
  }

  @Test
  void fireTimesAreWholeSecondsWhateverTheSubSecondOfNow() {
    CronTimes everySecond = CronTimes.parse("* * * * * *", UTC);

    assertThat(everySecond.next(at("00:00:00.500"))).isEqualTo(at("00:00:01"));
    assertThat(everySecond.previous(at("00:00:00.500"))).isEqualTo(at("00:00:00"));
    assertThat(everySecond.previous(at("00:00:00")))
        .isEqualTo(at("23:59:59").minus(Duration.ofDays(1)));
  }
}
