package dev.celeriac.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  /** A clock that moves only when the schedule sleeps or an action says it took time. */
  private static final class ManualClock implements OpenLoopSchedule.Clock {
    long now = 1_000_000;
    final List<Long> sleptUntil = new ArrayList<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepUntil(long deadline) {
      sleptUntil.add(deadline);
      now = Math.max(now, deadline);
    }

    void advance(Duration duration) {
      now += duration.toNanos();
    }
  }

  @Test
  void intendedTimesAreEvenlySpacedAtTheRate() throws Exception {
    ManualClock clock = new ManualClock();
    List<Long> intended = new ArrayList<>();

    long start = new OpenLoopSchedule(clock, 100).run(5, intended::add);

    assertThat(intended)
        .containsExactly(
            start, start + 10_000_000, start + 20_000_000, start + 30_000_000, start + 40_000_000);
    assertThat(clock.sleptUntil).containsExactlyElementsOf(intended.subList(1, 5));
  }

  @Test
  void aSlowActionDelaysTheCallsButNotTheirIntendedTimes()
      throws Exception { // coordinated omission
    ManualClock clock = new ManualClock();
    List<Long> intended = new ArrayList<>();
    List<Long> calledAt = new ArrayList<>();

    long start =
        new OpenLoopSchedule(clock, 100)
            .run(
                4,
                at -> {
                  intended.add(at);
                  calledAt.add(clock.now);
                  if (intended.size() == 1) {
                    clock.advance(Duration.ofMillis(35)); // the system stalls for 3.5 intervals
                  }
                });

    assertThat(intended)
        .containsExactly(start, start + 10_000_000, start + 20_000_000, start + 30_000_000);
    // Calls 2-4 fell behind and fire at once, each keeping its own intended time, so the latency
    // measured from it includes the stall.
    assertThat(calledAt.subList(1, 4)).containsOnly(start + 35_000_000);
    assertThat(clock.sleptUntil).isEmpty();
  }

  @Test
  void countInADurationFollowsTheRate() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(new ManualClock(), 250);

    assertThat(schedule.interval()).isEqualTo(Duration.ofMillis(4));
    assertThat(schedule.countIn(Duration.ofSeconds(10))).isEqualTo(2_500);
    assertThat(schedule.countIn(Duration.ZERO)).isEqualTo(1);
  }

  @Test
  void aRateThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new OpenLoopSchedule(new ManualClock(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate must be positive, was 0.0");
  }
}
