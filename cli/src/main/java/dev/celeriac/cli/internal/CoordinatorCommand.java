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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code celeriac coordinator}: joins the coordinator election until SIGINT or SIGTERM; the leader
 * fires schedules, dispatches delayed tasks, reaps and deletes old tasks.
 */
@Command(
    name = "coordinator",
    mixinStandardHelpOptions = true,
    description = "Run a coordinator: cron schedules, delayed tasks, reaper and retention.")
public final class CoordinatorCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();
  @Mixin ZooKeeperOption zooKeeper = new ZooKeeperOption();

  @Option(
      names = "--tasks",
      defaultValue = "",
      paramLabel = "CLASS[,CLASS]",
      description = "Task classes (comma-separated) whose @Task and @Scheduled methods to use.")
  String tasks = "";

  @Option(
      names = "--coordinator-id",
      defaultValue = "",
      paramLabel = "ID",
      description = "The coordinator's id in the election; empty means host-pid-random.")
  String id = "";

  @ParentCommand CeleriacCommand root;
  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public CoordinatorCommand() {}

  @Override
  public Integer call() throws InterruptedException {
    TaskCatalog catalog = TaskCatalog.of(TaskClasses.load(tasks).toArray(Class<?>[]::new));
    StopSignal stop = StopSignal.install();
    try (Resources resources = new Resources()) {
      Probes.reachable("ZooKeeper", zooKeeper.connectString());
      PostgresTaskStore store = resources.add(connection.database().open(true));
      Broker broker = resources.add(Brokers.open(connection.broker()));
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
      spec.commandLine()
          .getOut()
          .printf(
              "celeriac coordinator is ready: in the election at ZooKeeper %s%n",
              zooKeeper.connectString());
      Logging.running(root.verbose);
      stop.await();
      spec.commandLine().getOut().println("celeriac coordinator: stopping");
    }
    return 0;
  }
}
