package dev.celeriac.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.celeriac.api.MisfirePolicy;
import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Misfire policies after a ten-minute leaderless gap, under an injected clock, with coordinators
 * elected on ZooKeeper and schedules in PostgreSQL (#5 acceptance).
 */
class MisfirePolicyIT {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:30Z");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final ManualClock clock = new ManualClock(T0);
  private final InProcessCoordinators coordinators = new InProcessCoordinators();
  private final String token = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void close() {
    coordinators.close();
  }

  private static CoordinatorSettings.Builder settings() {
    return CoordinatorSettings.builder()
        .sessionTimeout(Duration.ofSeconds(4))
        .misfireThreshold(Duration.ofSeconds(5));
  }

  private String name(MisfirePolicy policy) {
    return "misfire-" + policy + "-" + token;
  }

  private static Instant minute(int m) {
    return Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofMinutes(m));
  }

  private List<Instant> fireTimes(MisfirePolicy policy) {
    return coordinators.schedules.fires(name(policy), 100).stream()
        .map(ScheduleFire::fireTime)
        .sorted()
        .toList();
  }

  @Test
  void afterATenMinuteGapFireOnceFiresOnceSkipFiresNoneAndCatchUpFiresEachMissedTime() {
    Coordinator first =
        coordinators.start("first-" + token, clock, settings(), new RecordingBroker());
    await().atMost(PATIENCE).until(first::isLeader);
    for (MisfirePolicy policy : MisfirePolicy.values()) {
      first
          .schedules()
          .save(
              ScheduleSpec.builder(name(policy))
                  .task("it.tick")
                  .cron("0 * * * * *")
                  .misfire(policy)
                  .build());
    }
    clock.set(minute(1).plusMillis(500));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                IntStream.range(0, 3)
                    .allMatch(
                        i -> fireTimes(MisfirePolicy.values()[i]).equals(List.of(minute(1)))));

    first.close();
    clock.set(minute(11).plusSeconds(30));
    Coordinator second =
        coordinators.start("second-" + token, clock, settings(), new RecordingBroker());
    await().atMost(PATIENCE).until(second::isLeader);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                coordinators.schedules.list().stream()
                    .filter(s -> s.name().endsWith(token))
                    .allMatch(s -> minute(12).equals(s.nextFireTime())));

    assertThat(fireTimes(MisfirePolicy.FIRE_ONCE)).containsExactly(minute(1), minute(11));
    assertThat(fireTimes(MisfirePolicy.SKIP)).containsExactly(minute(1));
    assertThat(fireTimes(MisfirePolicy.CATCH_UP))
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 11).mapToObj(MisfirePolicyIT::minute).toList());
    for (MisfirePolicy policy : MisfirePolicy.values()) {
      for (ScheduleFire fire : coordinators.schedules.fires(name(policy), 100)) {
        assertThat(fire.publishedAt()).isNotNull();
        assertThat(coordinators.tasks.find(fire.taskId())).isPresent();
      }
    }
  }
}
