package dev.celeriac.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void clockStandsStillUntilMoved() {
    var clock = new ManualClock(Instant.parse("2031-05-01T10:00:00Z"));

    assertThat(clock.instant()).isEqualTo(Instant.parse("2031-05-01T10:00:00Z"));
    assertThat(clock.advance(Duration.ofMinutes(5)))
        .isEqualTo(Instant.parse("2031-05-01T10:05:00Z"));
    assertThat(clock.millis()).isEqualTo(Instant.parse("2031-05-01T10:05:00Z").toEpochMilli());
  }

  @Test
  void setMovesTheClockEitherWay() {
    var clock = new ManualClock();

    clock.set(ManualClock.DEFAULT_START.minusSeconds(60));

    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.minusSeconds(60));
  }

  @Test
  void advancingBackwardsIsRefusedWithAHint() {
    var clock = new ManualClock();

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set()");
  }

  @Test
  void concurrentAdvancesAreNeverLost() {
    var clock = new ManualClock();

    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 1000; i++) {
        threads.submit(() -> clock.advance(Duration.ofMillis(1)));
      }
    }

    assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusSeconds(1));
  }
}
