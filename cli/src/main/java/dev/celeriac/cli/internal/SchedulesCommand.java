package dev.celeriac.cli.internal;

import dev.celeriac.api.spi.Broker;
import dev.celeriac.api.spi.Schedule;
import dev.celeriac.cli.Main;
import dev.celeriac.coordinator.ScheduleManager;
import dev.celeriac.store.postgres.PostgresScheduleStore;
import dev.celeriac.store.postgres.PostgresTaskStore;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code celeriac schedules [list|pause|resume|trigger]}: the cron schedules. */
@Command(
    name = "schedules",
    mixinStandardHelpOptions = true,
    description = "List the cron schedules (default), or pause, resume or trigger one.")
public final class SchedulesCommand implements Callable<Integer> {
  /** What to do. */
  public enum Action {
    /** Lists every schedule. */
    LIST,
    /** Stops a schedule firing. */
    PAUSE,
    /** Lets a paused schedule fire again. */
    RESUME,
    /** Fires a schedule's task now, once. */
    TRIGGER
  }

  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Parameters(
      index = "0",
      defaultValue = "list",
      paramLabel = "ACTION",
      description = "list, pause, resume or trigger.")
  Action action = Action.LIST;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The schedule.")
  @org.jspecify.annotations.Nullable
  String name;

  @Mixin TasksOption tasks = new TasksOption();

  @Spec CommandSpec spec;

  /** Creates the command; picocli calls it. */
  public SchedulesCommand() {}

  @Override
  public Integer call() {
    if (action != Action.LIST && name == null) {
      throw new CliFailure(
          Main.EXIT_USAGE, "schedules " + action.name().toLowerCase() + " needs a schedule NAME");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Resources resources = new Resources()) {
      PostgresTaskStore store = resources.add(connection.database().open(true));
      PostgresScheduleStore schedules = PostgresScheduleStore.on(store.dataSource());
      if (action == Action.LIST) {
        for (Schedule s : schedules.list()) {
          out.printf(
              "%-24s %-20s %-18s %-8s next %s%n",
              s.name(),
              s.task(),
              s.cron() + " " + s.zone(),
              s.paused() ? "paused" : "active",
              s.nextFireTime());
        }
        return 0;
      }
      Broker broker = resources.add(Brokers.open(connection.broker()));
      ScheduleManager manager =
          ScheduleManager.create(
              schedules,
              store,
              broker,
              SampleTasks.catalogWith(tasks.classes()),
              InstantSource.system());
      if (manager.find(name).isEmpty()) {
        throw new CliFailure(Main.EXIT_FAILED, "no schedule named '" + name + "'");
      }
      switch (action) {
        case PAUSE -> {
          manager.pause(name);
          out.printf("paused %s%n", name);
        }
        case RESUME -> {
          manager.resume(name);
          out.printf("resumed %s%n", name);
        }
        case TRIGGER -> out.printf("triggered %s: task %s%n", name, manager.runNow(name));
        case LIST -> throw new IllegalStateException("handled above");
      }
    }
    return 0;
  }
}
