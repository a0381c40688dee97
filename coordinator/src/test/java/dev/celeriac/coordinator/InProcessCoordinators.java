package dev.celeriac.coordinator;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.store.postgres.PostgresMaintenanceStore;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Coordinators in the test JVM on the test database and ZooKeeper, sharing one election path per
 * instance of this class; closes everything it made.
 */
final class InProcessCoordinators implements AutoCloseable {
  final String electionPath = "/celeriac-it/" + UUID.randomUUID();
  final PostgresTaskStore tasks;
  final PostgresScheduleStore schedules;
  private final List<AutoCloseable> opened = new ArrayList<>();

  InProcessCoordinators() {
    this.tasks = TestDatabase.startedStore(InstantSource.system());
    this.schedules = PostgresScheduleStore.on(tasks.dataSource());
  }

  Coordinator start(
      String id, InstantSource clock, CoordinatorSettings.Builder settings, Broker broker) {
    Coordinator coordinator =
        Coordinator.builder()
            .id(id)
            .zooKeeper(TestZooKeeper.connectString())
            .taskStore(tasks)
            .scheduleStore(schedules)
            .maintenanceStore(PostgresMaintenanceStore.on(tasks.dataSource()))
            .broker(broker)
            .tasks(TaskCatalog.of(ItTasks.class))
            .clock(clock)
            .settings(settings.electionPath(electionPath).build())
            .build();
    opened.add(coordinator);
    coordinator.start();
    return coordinator;
  }

  @Override
  public void close() {
    for (AutoCloseable c : opened.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + c + " failed", e);
      }
    }
    tasks.close();
    // Schedules of one test must not fire under the next test's clock.
    TestDatabase.execute("TRUNCATE celeriac_schedules");
  }
}
