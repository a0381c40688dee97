package dev.celeriac.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Invalid cron, unknown zone and unknown task are rejected with the field named, and nothing is
 * stored in PostgreSQL; a coordinator whose code declares such a schedule does not start (#5).
 */
class ScheduleRejectionIT {
  private final InProcessCoordinators coordinators = new InProcessCoordinators();

  @AfterEach
  void close() {
    coordinators.close();
  }

  private ScheduleManager manager() {
    return ScheduleManager.create(
        coordinators.schedules,
        coordinators.tasks,
        new RecordingBroker(),
        TaskCatalog.of(ItTasks.class),
        InstantSource.system());
  }

  @Test
  void invalidCronUnknownZoneAndUnknownTaskAreRejectedNamingTheField() {
    ScheduleManager manager = manager();

    assertThatThrownBy(
            () ->
                manager.save(
                    ScheduleSpec.builder("rejected-cron")
                        .task("it.tick")
                        .cron("every day")
                        .build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("cron"))
        .hasMessageContaining("'every day'");
    assertThatThrownBy(
            () ->
                manager.save(
                    ScheduleSpec.builder("rejected-zone")
                        .task("it.tick")
                        .cron("0 0 * * * *")
                        .zone("Mars/Olympus")
                        .build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("zone"))
        .hasMessageContaining("'Mars/Olympus'");
    assertThatThrownBy(
            () ->
                manager.save(
                    ScheduleSpec.builder("rejected-task")
                        .task("it.nope")
                        .cron("0 0 * * * *")
                        .build()))
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("task"))
        .hasMessageContaining("'it.nope'");

    assertThat(coordinators.schedules.list()).noneMatch(s -> s.name().startsWith("rejected-"));
  }

  @Test
  void coordinatorDeclaringAnInvalidScheduleInCodeDoesNotStart() {
    Coordinator coordinator =
        Coordinator.builder()
            .zooKeeper(TestZooKeeper.connectString())
            .taskStore(coordinators.tasks)
            .scheduleStore(coordinators.schedules)
            .broker(new RecordingBroker())
            .tasks(TaskCatalog.of(ItTasks.class))
            .schedule(
                ScheduleSpec.builder("rejected-code").task("it.tick").cron("0 0 25 * * *").build())
            .build();

    assertThatThrownBy(coordinator::start)
        .isInstanceOfSatisfying(
            InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo("cron"));
    assertThat(coordinator.isLeader()).isFalse();
    coordinator.close();
  }
}
