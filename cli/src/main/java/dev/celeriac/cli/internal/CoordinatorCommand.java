package dev.celeriac.cli.internal;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.coordinator.Coordinator;
import dev.celeriac.coordinator.TaskCatalog;
import dev.celeriac.store.postgres.PostgresMaintenanceStore;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code celeriac coordinator}: joins the coordinator election until SIGINT or SIGTERM; the leader
 * fires schedules, dispatches delayed tasks, reaps and deletes old tasks.
 */
@Command(
    name = "coordinator",
    mixinStandardHelpOptions = true,
    description = "Run a coordinator: cron schedules, delayed tasks, reaper and retention.")
public final class CoordinatorCommand implements Callable<Integer> {
  @Mixin RoleOptions role = new RoleOptions();
  @Mixin ZooKeeperOption zooKeeper = new ZooKeeperOption();

  @Option(
      names = "--coordinator-id",
      defaultValue = "",
      paramLabel = "ID",
      description = "The coordinator's id in the election; empty means host-pid-random.")
  String id = "";

  /** Creates the command; picocli calls it. */
  public CoordinatorCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    TaskCatalog catalog = TaskCatalog.of(role.taskClasses().toArray(Class<?>[]::new));
    Probes.reachable("ZooKeeper", zooKeeper.connectString());
    return role.run("", (resources, store, broker) -> start(catalog, resources, store, broker));
  }

  private String start(
      TaskCatalog catalog, Resources resources, PostgresTaskStore store, Broker broker) {
    Coordinator.Builder builder =
        Coordinator.builder()
            .zooKeeper(zooKeeper.connectString())
            .taskStore(store)
            .scheduleStore(PostgresScheduleStore.on(store.dataSource()))
            .maintenanceStore(PostgresMaintenanceStore.on(store.dataSource()))
            .broker(broker)
            .tasks(catalog);
    if (!id.isBlank()) {
      builder.id(id);
    }
    Coordinator coordinator = resources.add(builder.build());
    coordinator.start();
    return "in the election at ZooKeeper " + zooKeeper.connectString();
  }
}
