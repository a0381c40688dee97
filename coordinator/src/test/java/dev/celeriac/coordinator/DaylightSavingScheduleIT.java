package dev.celeriac.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code 0 30 2 * * *} schedule in Europe/Berlin across the 2030 spring-forward (March 31) and
 * fall-back (October 27) days, driven by an injected clock (#5 acceptance): it fires as cron-utils
 * defines it — not on the day 02:30 does not exist, once on the day it exists twice — and once per
 * fire.
 */
class DaylightSavingScheduleIT {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final ManualClock clock = new ManualClock(Instant.parse("2030-03-28T12:00:00Z"));
  private final InProcessCoordinators coordinators = new InProcessCoordinators();
  private final String name = "dst-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void close() {
    coordinators.close();
  }

  @Test
  void halfPastTwoInBerlinFiresAsTheCronLibraryDefinesAcrossBothChanges() {
    Coordinator coordinator =
        coordinators.start(
            name,
            clock,
            CoordinatorSettings.builder()
                .sessionTimeout(Duration.ofSeconds(4))
                .misfireThreshold(Duration.ofHours(6)),
            new RecordingBroker());
    await().atMost(PATIENCE).until(coordinator::isLeader);
    ScheduleManager schedules = coordinator.schedules();
    schedules.save(
        ScheduleSpec.builder(name)
            .task("it.tick")
            .cron("0 30 2 * * *")
            .zone("Europe/Berlin")
            .build());

    stepThroughMornings(LocalDate.of(2030, 3, 29), 5);
    schedules.pause(name);
    clock.set(Instant.parse("2030-10-24T12:00:00Z"));
    schedules.resume(name);
    stepThroughMornings(LocalDate.of(2030, 10, 25), 5);

    List<ScheduleFire> fires = schedules.fires(name, 100).reversed();
    assertThat(fires)
        .extracting(ScheduleFire::fireTime)
        .containsExactly(
            Instant.parse("2030-03-29T01:30:00Z"),
            Instant.parse("2030-03-30T01:30:00Z"),
            Instant.parse("2030-04-01T00:30:00Z"),
            Instant.parse("2030-04-02T00:30:00Z"),
            Instant.parse("2030-10-25T00:30:00Z"),
            Instant.parse("2030-10-26T00:30:00Z"),
            Instant.parse("2030-10-27T00:30:00Z"),
            Instant.parse("2030-10-28T01:30:00Z"),
            Instant.parse("2030-10-29T01:30:00Z"));
    assertThat(new HashSet<>(fires.stream().map(ScheduleFire::taskId).toList())).hasSize(9);
    for (ScheduleFire fire : fires) {
      assertThat(coordinators.tasks.find(fire.taskId())).isPresent();
    }
  }

  // Moves the clock to 04:00 Berlin time on each day and waits until the leader has handled it.
  private void stepThroughMornings(LocalDate first, int days) {
    for (int d = 0; d < days; d++) {
      Instant morning = first.plusDays(d).atTime(LocalTime.of(4, 0)).atZone(BERLIN).toInstant();
      clock.set(morning);
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  coordinators.schedules.find(name).orElseThrow().nextFireTime().isAfter(morning));
    }
  }
}
