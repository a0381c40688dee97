package dev.celeriac.coordinator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.MisfirePolicy;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.spi.OutboundMessage;
import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.ScheduleFire;
import dev.celeriac.api.spi.ScheduleSource;
import dev.celeriac.testing.InMemoryBroker;
import dev.celeriac.testing.InMemoryScheduleStore;
import dev.celeriac.testing.InMemoryTaskStore;
import dev.celeriac.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The leader's cron step: claims before publishing, and recovers what a dead leader left (#5). */
class CronSchedulerTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryScheduleStore store = new InMemoryScheduleStore();
  private final InMemoryTaskStore tasks = new InMemoryTaskStore(clock);
  private final InMemoryBroker broker = new InMemoryBroker();
  private final FirePublisher publisher =
      new FirePublisher(
          store, tasks, broker, name -> Optional.empty(), clock, Duration.ofSeconds(5));
  private final CronScheduler scheduler =
      new CronScheduler(
          store, publisher, clock, new CronScheduler.Timing(Duration.ofSeconds(60), 100));

  @BeforeEach
  void everyTenSeconds() {
    store.upsert(
        new Schedule(
            "ticks",
            "ticks.run",
            null,
            JsonNodeFactory.instance.arrayNode(),
            0,
            "*/10 * * * * *",
            ZoneId.of("UTC"),
            MisfirePolicy.FIRE_ONCE,
            false,
            ScheduleSource.API,
            T0.plusSeconds(10),
            null));
  }

  @AfterEach
  void close() {
    tasks.close();
    broker.close();
  }

  private List<OutboundMessage> published() {
    return broker.queued("default");
  }

  @Test
  void dueFireIsPublishedOnceWithTheIdDerivedFromItsKey() {
    clock.set(T0.plusSeconds(10));

    assertThat(scheduler.step(() -> true)).isEqualTo(1);
    assertThat(scheduler.step(() -> true)).isZero();

    TaskId expected = FirePublisher.taskIdOf("ticks", T0.plusSeconds(10));
    assertThat(published()).extracting(OutboundMessage::id).containsExactly(expected);
    assertThat(tasks.find(expected)).isPresent();
    Schedule after = store.find("ticks").orElseThrow();
    assertThat(after.nextFireTime()).isEqualTo(T0.plusSeconds(20));
    assertThat(after.lastFireTime()).isEqualTo(T0.plusSeconds(10));
    assertThat(store.fires("ticks", 5))
        .singleElement()
        .extracting(ScheduleFire::publishedAt)
        .isNotNull();
  }

  @Test
  void fireClaimedButNotPublishedByADeadLeaderIsPublishedByTheNextStep() {
    store.claimFire(publisher.newFire("ticks", T0.plusSeconds(10)));
    clock.set(T0.plusSeconds(12));

    scheduler.step(() -> true);

    assertThat(published())
        .extracting(OutboundMessage::id)
        .containsExactly(FirePublisher.taskIdOf("ticks", T0.plusSeconds(10)));
    assertThat(store.unpublishedFires(10)).isEmpty();
  }

  @Test
  void fireAlreadyPublishedByALeaderThatDiedBeforeMovingTheScheduleOnIsNotRepeated() {
    ScheduleFire fire = publisher.newFire("ticks", T0.plusSeconds(10));
    store.claimFire(fire);
    store.markPublished("ticks", fire.fireTime(), T0.plusSeconds(10));
    clock.set(T0.plusSeconds(12));

    assertThat(scheduler.step(() -> true)).isZero();

    assertThat(published()).isEmpty();
    assertThat(store.find("ticks").orElseThrow().nextFireTime()).isEqualTo(T0.plusSeconds(20));
  }

  @Test
  void aStepThatLostLeadershipClaimsNothing() {
    clock.set(T0.plusSeconds(30));

    assertThat(scheduler.step(() -> false)).isZero();

    assertThat(store.fires("ticks", 5)).isEmpty();
    assertThat(store.find("ticks").orElseThrow().nextFireTime()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void fireWhosePublishFailedIsPublishedWhenTheBrokerIsBack() {
    clock.set(T0.plusSeconds(10));
    broker.failPublishes("broker down");

    assertThat(scheduler.step(() -> true)).isZero();
    assertThat(store.unpublishedFires(5)).hasSize(1);

    broker.resumePublishes();
    assertThat(scheduler.step(() -> true)).isEqualTo(1);
    assertThat(published()).hasSize(1);
  }

  @Test
  void pausedScheduleDoesNotFire() {
    store.pause("ticks");
    clock.set(T0.plusSeconds(30));

    assertThat(scheduler.step(() -> true)).isZero();
    assertThat(published()).isEmpty();
  }
}
