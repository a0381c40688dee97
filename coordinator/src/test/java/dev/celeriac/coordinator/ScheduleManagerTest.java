package dev.celeriac.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.celeriac.api.MisfirePolicy;
import dev.celeriac.api.TaskId;
import dev.celeriac.api.TaskState;
import dev.celeriac.api.spi.Schedule;
import dev.celeriac.api.spi.ScheduleSource;
import dev.celeriac.testing.InMemoryBroker;
import dev.celeriac.testing.InMemoryScheduleStore;
import dev.celeriac.testing.InMemoryTaskStore;
import dev.celeriac.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The schedule API the console calls: validation naming the field, and each operation (#5). */
class ScheduleManagerTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T10:00:00.250Z"));
  private final InMemoryScheduleStore store = new InMemoryScheduleStore();
  private final InMemoryTaskStore tasks = new InMemoryTaskStore(clock);
  private final InMemoryBroker broker = new InMemoryBroker();
  private final ScheduleManager manager =
      ScheduleManager.create(store, tasks, broker, TaskCatalog.of(ReportTasks.class), clock);

  @AfterEach
  void close() {
    tasks.close();
    broker.close();
  }

  private static ScheduleSpec.Builder aSpec() {
    return ScheduleSpec.builder("hourly-report").task("reports.build").cron("0 0 * * * *");
  }

  @Test
  void invalidCronIsRejectedNamingTheCronField() {
    assertThatThrownBy(() -> manager.save(aSpec().cron("0 61 * * * *").build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("cron"))
        .hasMessageContaining("cron")
        .hasMessageContaining("0 61 * * * *")
        .hasMessageContaining("[0, 59]");
    assertThatThrownBy(() -> manager.save(aSpec().cron("0 * * * *").build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("cron"))
        .hasMessageContaining("six fields");
    assertThat(store.list()).isEmpty();
  }

  @Test
  void cronThatMatchesNoDateIsRejectedNamingTheCronField() { // #9
    assertThatThrownBy(() -> manager.save(aSpec().cron("0 0 0 31 2 *").build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("cron"))
        .hasMessageContaining("0 0 0 31 2 *")
        .hasMessageContaining("never fire");
    assertThat(store.list()).isEmpty();
  }

  @Test
  void unknownZoneIsRejectedNamingTheZoneField() {
    assertThatThrownBy(() -> manager.save(aSpec().zone("Europe/Atlantis").build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("zone"))
        .hasMessageContaining("zone: unknown time zone 'Europe/Atlantis'");
  }

  @Test
  void unknownTaskIsRejectedNamingTheTaskFieldAndTheKnownTasks() {
    assertThatThrownBy(() -> manager.save(aSpec().task("reports.missing").build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class,
            e -> {
              assertThat(e.field()).isEqualTo("task");
              assertThat(e.schedule()).isEqualTo("hourly-report");
            })
        .hasMessageContaining("unknown task 'reports.missing'")
        .hasMessageContaining("reports.build");
  }

  @Test
  void blankNameOutOfRangePriorityAndMissingCronAreRejectedByField() {
    assertThatThrownBy(
            () ->
                manager.save(
                    ScheduleSpec.builder(" ").task("reports.build").cron("* * * * * *").build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("name"));
    assertThatThrownBy(() -> manager.save(aSpec().priority(12).build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("priority"));
    assertThatThrownBy(() -> ScheduleSpec.builder("x").task("reports.build").build())
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("cron"));
  }

  @Test
  void savedScheduleTakesTheTaskDefaultsAndItsFirstFireTime() {
    Schedule saved =
        manager.save(aSpec().zone("Asia/Kolkata").misfire(MisfirePolicy.CATCH_UP).build());

    assertThat(saved.task()).isEqualTo("reports.build");
    assertThat(saved.priority()).isEqualTo(4);
    assertThat(saved.zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    assertThat(saved.source()).isEqualTo(ScheduleSource.API);
    assertThat(saved.misfirePolicy()).isEqualTo(MisfirePolicy.CATCH_UP);
    // Kolkata is UTC+05:30: its full hours fall on UTC half hours.
    assertThat(saved.nextFireTime()).isEqualTo(Instant.parse("2030-01-01T10:30:00Z"));
  }

  @Test
  void pausedScheduleResumesFromNowWithoutTheTimesItMissed() {
    manager.save(aSpec().build());
    manager.pause("hourly-report");
    assertThat(manager.find("hourly-report").orElseThrow().paused()).isTrue();

    clock.advance(Duration.ofHours(5));
    manager.resume("hourly-report");

    Schedule resumed = manager.find("hourly-report").orElseThrow();
    assertThat(resumed.paused()).isFalse();
    assertThat(resumed.nextFireTime()).isEqualTo(Instant.parse("2030-01-01T16:00:00Z"));
  }

  @Test
  void runNowPublishesOneTaskAndRecordsItsFire() {
    manager.save(
        aSpec().args(JsonNodeFactory.instance.arrayNode().add("weekly")).queue("urgent").build());

    TaskId id = manager.runNow("hourly-report");

    assertThat(tasks.find(id).orElseThrow().state()).isEqualTo(TaskState.PENDING);
    assertThat(tasks.find(id).orElseThrow().queue()).isEqualTo("urgent");
    assertThat(tasks.find(id).orElseThrow().args().get(0).asText()).isEqualTo("weekly");
    assertThat(manager.fires("hourly-report", 10))
        .singleElement()
        .satisfies(
            fire -> {
              assertThat(fire.taskId()).isEqualTo(id);
              assertThat(fire.fireTime()).isEqualTo(Instant.parse("2030-01-01T10:00:00.250Z"));
              assertThat(fire.publishedAt()).isNotNull();
            });
  }

  @Test
  void operationsOnAnUnknownScheduleSayWhichNameWasNotFound() {
    assertThatThrownBy(() -> manager.pause("nope"))
        .isInstanceOf(ScheduleNotFoundException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> manager.resume("nope")).isInstanceOf(ScheduleNotFoundException.class);
    assertThatThrownBy(() -> manager.runNow("nope")).isInstanceOf(ScheduleNotFoundException.class);
    assertThatThrownBy(() -> manager.delete("nope")).isInstanceOf(ScheduleNotFoundException.class);
  }

  @Test
  void deletedScheduleIsGone() {
    manager.save(aSpec().build());

    manager.delete("hourly-report");

    assertThat(manager.list()).isEmpty();
  }

  @Test
  void scheduleDeclaredWithTheAnnotationIsReadFromTheCatalog() {
    assertThat(TaskCatalog.of(ReportTasks.class).declaredSchedules())
        .singleElement()
        .satisfies(
            spec -> {
              assertThat(spec.name()).isEqualTo("reports.nightly");
              assertThat(spec.cron()).isEqualTo("0 30 2 * * *");
              assertThat(spec.zone()).isEqualTo("Europe/Berlin");
              assertThat(spec.misfirePolicy()).isEqualTo(MisfirePolicy.SKIP);
              assertThat(spec.args().get(0).asText()).isEqualTo("full");
            });
  }
}
